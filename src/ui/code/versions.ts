/**
 * The versions Roundtrip models, pinned in each project's requirements.txt. They are Debian 13's,
 * which scripts/realstack/install.sh runs for the conformance suite (its versions.json must agree;
 * `npm run conformance` says so when it does not).
 */
export const VERSIONS = {
  python: '3.13',
  nginx: '1.26.3',
  gunicorn: '23.0.0',
  uvicorn: '0.32.0',
  flask: '3.1.1',
  werkzeug: '3.1.3',
  jinja2: '3.1.6',
  marshmallow: '3.26.2',
  itsdangerous: '2.2.0',
  django: '4.2.28',
  djangoCorsHeaders: '4.7.0',
  fastapi: '0.115.11',
  starlette: '0.46.1',
  pydantic: '2.10.6',
  emailValidator: '2.2.0',
} as const
