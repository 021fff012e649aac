import type { NetworkPresetId } from '../network'
import { NETWORK_PRESETS } from '../network'
import type { Obj } from './validate'
import { ScenarioError, number, object, oneOf } from './validate'

/** The browser-side and network part of a scenario: link, DNS, TLS and reverse proxy. */
export interface NetworkSpec {
  readonly network: { readonly preset: NetworkPresetId }
  /** Host name → IPv4 address. A host missing here does not resolve (NXDOMAIN). */
  readonly dns: Readonly<Record<string, string>>
  readonly tls: { readonly version: '1.2' | '1.3' }
  readonly proxy: { readonly software: 'nginx' | 'caddy'; readonly workers: number }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/

export const parseNetworkSpec = (s: Obj): NetworkSpec => {
  const network = object(s.network, 'network')
  const dnsIn = object(s.dns, 'dns')
  const dns: Record<string, string> = {}
  for (const [host, address] of Object.entries(dnsIn)) {
    if (!HOST.test(host)) throw new ScenarioError(`dns.${host}`, 'is not a valid host name')
    if (typeof address !== 'string' || !IPV4.test(address))
      throw new ScenarioError(`dns.${host}`, 'must be an IPv4 address such as "93.184.216.34"')
    dns[host] = address
  }
  const tls = object(s.tls, 'tls')
  const proxy = object(s.proxy, 'proxy')
  return {
    network: {
      preset: oneOf(
        network.preset,
        'network.preset',
        Object.keys(NETWORK_PRESETS) as NetworkPresetId[],
      ),
    },
    dns,
    tls: { version: oneOf(tls.version, 'tls.version', ['1.2', '1.3'] as const) },
    proxy: {
      software: oneOf(proxy.software, 'proxy.software', ['nginx', 'caddy'] as const),
      workers: number(proxy.workers, 'proxy.workers', 1, 64),
    },
  }
}
