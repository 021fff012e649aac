/**
 * The fuzz suite: seeded, bounded properties over everything Roundtrip reads from outside (links,
 * scenario and request JSON, embed messages, imports, saved data, the presenter channel). One file,
 * so the harness can print one total: `fuzz: N cases, F failures`. See README.md, "Fuzzing".
 *
 *   npx vitest run tests/fuzz                      the test loop's quick count (a quarter of each)
 *   FUZZ_RUNS=full npx vitest run tests/fuzz       each property's own count (about 15,000 cases)
 *   FUZZ_RUNS=100000 FUZZ_SEED=7 npx vitest run tests/fuzz
 */
import './link'
import './parsers'
import './embed'
import './present'
import './editor'
