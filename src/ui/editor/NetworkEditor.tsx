import type { NetworkPresetId, ProxySpec, RequestSpec, Scenario, TlsSpec } from '../../engine'
import { NETWORK_DEFAULTS, NETWORK_PRESETS } from '../../engine'
import { DraftField, SelectField, Section, Toggle, numberProblem } from './fields'

interface Props {
  readonly scenario: Scenario
  readonly request: RequestSpec
  readonly onChange: (scenario: Scenario) => void
}

const PRESET_NAMES: Readonly<Record<NetworkPresetId, string>> = {
  localhost: 'Same machine',
  fibre: 'Fibre',
  cable: 'Cable',
  '4g': '4G mobile',
  '3g': '3G mobile',
  satellite: 'Satellite',
}

const presetLabel = (id: NetworkPresetId): string => {
  const { rttMs, bandwidthMbps } = NETWORK_PRESETS[id]
  const speed = bandwidthMbps >= 1000 ? `${bandwidthMbps / 1000} Gbit/s` : `${bandwidthMbps} Mbit/s`
  return `${PRESET_NAMES[id]}: ${rttMs} ms round trip, ${speed}`
}

/** The documentation address (RFC 5737) a restored DNS record points at. */
const DEFAULT_ADDRESS = '93.184.216.34'

const DEFAULT_STATIC: NonNullable<ProxySpec['static']> = {
  prefix: '/static/',
  maxAgeSeconds: 3600,
  files: {
    'app.css': { contentType: 'text/css', body: 'body { font-family: system-ui; margin: 0 }\n' },
  },
}

const prefixProblem = (text: string): string | null =>
  !text.startsWith('/') || !text.endsWith('/') || text.length < 2
    ? 'A static path starts and ends with "/", e.g. /static/.'
    : /[\s?#]/.test(text)
      ? 'A path has no spaces, "?" or "#".'
      : null

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname
  } catch {
    return null
  }
}

/** The reverse proxy, TLS, the link and the faults that can be switched on in front of the app. */
export function NetworkEditor({ scenario, request, onChange }: Props) {
  const { proxy, tls } = scenario
  const setProxy = (changes: Partial<ProxySpec>) => {
    const next: Record<string, unknown> = { ...proxy, ...changes }
    // An option switched off is left out, so the JSON stays as small as the defaults allow.
    for (const [key, value] of Object.entries(changes)) if (value === undefined) delete next[key]
    onChange({ ...scenario, proxy: next as unknown as ProxySpec })
  }
  const setTls = (changes: Partial<TlsSpec>) =>
    onChange({ ...scenario, tls: { ...tls, ...changes } })
  const rate = proxy.rateLimit
  const host = hostOf(request.url)

  return (
    <>
      <Section
        title="Reverse proxy"
        lede="The proxy answers some requests itself and hands the rest to the app's workers."
      >
        <div className="ed-grid">
          <SelectField<ProxySpec['software']>
            label="Software"
            value={proxy.software}
            options={[
              { value: 'nginx', label: 'nginx' },
              { value: 'caddy', label: 'Caddy' },
            ]}
            onChange={(software) => setProxy({ software })}
          />
          <DraftField
            label="Workers"
            numeric
            value={String(proxy.workers)}
            validate={numberProblem(1, 64)}
            onCommit={(text) => setProxy({ workers: Number(text) })}
          />
          <SelectField<NonNullable<ProxySpec['upstream']>>
            label="App server"
            value={proxy.upstream ?? NETWORK_DEFAULTS.upstream}
            options={[
              { value: 'up', label: 'Running' },
              { value: 'down', label: 'Down: nothing listens (502)' },
              { value: 'reset', label: 'Crashes mid-answer (502)' },
              { value: 'slow', label: 'Slow: every worker busy' },
            ]}
            onChange={(upstream) =>
              setProxy({
                upstream: upstream === 'up' ? undefined : upstream,
                // The wait only means something while the app is slow.
                ...(upstream === 'slow' ? {} : { upstreamDelayMs: undefined }),
              })
            }
          />
          {proxy.upstream === 'slow' ? (
            <DraftField
              label="Wait for a free worker (ms)"
              numeric
              value={String(proxy.upstreamDelayMs ?? NETWORK_DEFAULTS.upstreamDelayMs)}
              validate={numberProblem(1, 120_000, ' ms')}
              hint="Queued before the app runs; longer than the proxy waits and it answers 504."
              onCommit={(text) =>
                setProxy({
                  upstreamDelayMs:
                    Number(text) === NETWORK_DEFAULTS.upstreamDelayMs ? undefined : Number(text),
                })
              }
            />
          ) : null}
          <DraftField
            label="Waits for the app (ms)"
            numeric
            value={String(proxy.timeoutMs ?? NETWORK_DEFAULTS.timeoutMs)}
            validate={numberProblem(1, 3_600_000, ' ms')}
            hint="Slower than this and the proxy answers 504: try a slow database query or a busy server."
            onCommit={(text) =>
              setProxy({
                timeoutMs: Number(text) === NETWORK_DEFAULTS.timeoutMs ? undefined : Number(text),
              })
            }
          />
        </div>
        <Toggle
          label="Rate limit each client"
          checked={rate !== undefined}
          onChange={(on) =>
            setProxy({ rateLimit: on ? { limit: 10, windowSeconds: 60 } : undefined })
          }
        />
        {rate ? (
          <div className="ed-grid ed-indent">
            <DraftField
              label="Requests allowed"
              numeric
              value={String(rate.limit)}
              validate={numberProblem(1, 1_000_000)}
              onCommit={(text) => setProxy({ rateLimit: { ...rate, limit: Number(text) } })}
            />
            <DraftField
              label="Per (seconds)"
              numeric
              value={String(rate.windowSeconds)}
              validate={numberProblem(1, 86_400, ' s')}
              onCommit={(text) => setProxy({ rateLimit: { ...rate, windowSeconds: Number(text) } })}
            />
            <DraftField
              label="Already sent"
              numeric
              value={String(rate.recentRequests ?? 0)}
              validate={numberProblem(0, 1_000_000)}
              hint="At the limit, this request gets 429."
              onCommit={(text) =>
                setProxy({ rateLimit: { ...rate, recentRequests: Number(text) } })
              }
            />
          </div>
        ) : null}
        <Toggle
          label="Serve static files itself"
          checked={proxy.static !== undefined}
          onChange={(on) => setProxy({ static: on ? DEFAULT_STATIC : undefined })}
        />
        {proxy.static ? (
          <div className="ed-grid ed-indent">
            <DraftField
              label="Static path"
              mono
              value={proxy.static.prefix}
              validate={prefixProblem}
              hint={`Files: ${Object.keys(proxy.static.files).join(', ') || 'none'}`}
              onCommit={(prefix) => setProxy({ static: { ...proxy.static!, prefix } })}
            />
          </div>
        ) : null}
        <Toggle
          label="Redirect http:// to https://"
          checked={proxy.httpsRedirect ?? false}
          onChange={(on) => setProxy({ httpsRedirect: on ? true : undefined })}
        />
      </Section>

      <Section title="TLS and network">
        <div className="ed-grid">
          <SelectField<TlsSpec['version']>
            label="TLS version"
            value={tls.version}
            options={[
              { value: '1.3', label: 'TLS 1.3 (1 round trip)' },
              { value: '1.2', label: 'TLS 1.2 (2 round trips)' },
            ]}
            onChange={(version) =>
              // 0-RTT early data exists only in TLS 1.3.
              setTls(version === '1.2' ? { version, earlyData: false } : { version })
            }
          />
          <SelectField<NonNullable<TlsSpec['alpn']>>
            label="Protocol (ALPN)"
            value={tls.alpn ?? NETWORK_DEFAULTS.alpn}
            options={[
              { value: 'http/1.1', label: 'HTTP/1.1' },
              { value: 'h2', label: 'HTTP/2' },
            ]}
            onChange={(alpn) => setTls({ alpn })}
          />
          <SelectField<NetworkPresetId>
            label="Network"
            value={scenario.network.preset}
            options={(Object.keys(NETWORK_PRESETS) as NetworkPresetId[]).map((id) => ({
              value: id,
              label: presetLabel(id),
            }))}
            // A new preset replaces any custom round-trip time or bandwidth.
            onChange={(preset) => onChange({ ...scenario, network: { preset } })}
          />
        </div>
      </Section>

      <Section
        title="Faults"
        lede="Break something in front of the app and watch where the journey stops."
      >
        <div className="ed-grid">
          <SelectField<NonNullable<TlsSpec['certificate']>>
            label="Certificate"
            value={tls.certificate ?? NETWORK_DEFAULTS.certificate}
            options={[
              { value: 'valid', label: 'Valid' },
              { value: 'expired', label: 'Expired (handshake fails)' },
              { value: 'wrong-host', label: 'For another host (handshake fails)' },
            ]}
            onChange={(certificate) => setTls({ certificate })}
          />
          <SelectField<NonNullable<ProxySpec['status']>>
            label="Proxy"
            value={proxy.status ?? NETWORK_DEFAULTS.status}
            options={[
              { value: 'running', label: 'Running' },
              { value: 'stopped', label: 'Stopped (connection refused)' },
              { value: 'maintenance', label: 'Maintenance (503)' },
            ]}
            onChange={(status) => setProxy({ status: status === 'running' ? undefined : status })}
          />
        </div>
        {host ? (
          <Toggle
            label={`DNS knows ${host}`}
            checked={host in scenario.dns}
            hint={host in scenario.dns ? `${host} → ${scenario.dns[host]}` : 'No record: NXDOMAIN.'}
            onChange={(on) => {
              const { [host]: _gone, ...rest } = scenario.dns
              onChange({ ...scenario, dns: on ? { ...rest, [host]: DEFAULT_ADDRESS } : rest })
            }}
          />
        ) : null}
      </Section>
    </>
  )
}
