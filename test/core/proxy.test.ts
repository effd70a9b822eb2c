import { describe, expect, it } from 'vitest';
import { bypassesProxy, httpOnlyProxyVariable, isHttpProxy, noProxyFromEnv, proxyEndpoint, proxyFor, proxyFromEnv, proxySetting } from '../../src/core/proxy.js';

const HOST = 'bedrock-mantle.us-east-1.api.aws';

describe('which proxy variables count', () => {
  it('as Codex 0.171 does: HTTPS_PROXY, https_proxy, then ALL_PROXY, all_proxy; a bare host gets http://', () => {
    expect(proxySetting({ HTTPS_PROXY: 'proxy:3128', ALL_PROXY: 'http://other:1' })).toEqual({ url: 'http://proxy:3128', variable: 'HTTPS_PROXY' });
    expect(proxySetting({ https_proxy: 'http://p:1', ALL_PROXY: 'http://other:1' })).toEqual({ url: 'http://p:1', variable: 'https_proxy' });
    expect(proxySetting({ ALL_PROXY: 'http://a:8080', HTTP_PROXY: 'http://h:1' })).toEqual({ url: 'http://a:8080', variable: 'ALL_PROXY' });
    expect(proxySetting({ all_proxy: 'socks5://s:1080' })).toEqual({ url: 'socks5://s:1080', variable: 'all_proxy' });
    expect(proxySetting({ HTTPS_PROXY: '', all_proxy: 'a:1' })?.variable).toBe('all_proxy');
    expect(proxySetting({})).toBeNull();
  });

  it('HTTP_PROXY alone routes nothing to Bedrock (https), and is named as the trap it is', () => {
    expect(proxySetting({ HTTP_PROXY: 'http://h:8080', http_proxy: 'h:1' })).toBeNull();
    expect(proxyFromEnv({ HTTP_PROXY: 'http://h:8080' })).toBeNull();
    expect(httpOnlyProxyVariable({ http_proxy: 'h:1' })).toBe('http_proxy');
    expect(httpOnlyProxyVariable({ HTTP_PROXY: 'h:1', HTTPS_PROXY: 'p:2' })).toBeNull();
    expect(httpOnlyProxyVariable({})).toBeNull();
  });

  it('our HTTP client takes the same proxy, but only an HTTP(S) one it can tunnel through', () => {
    expect(proxyFromEnv({ HTTPS_PROXY: 'proxy:3128' })).toBe('http://proxy:3128');
    expect(proxyFromEnv({ ALL_PROXY: 'https://p:443' })).toBe('https://p:443');
    expect(proxyFromEnv({ ALL_PROXY: 'socks5://s:1080' })).toBeNull();
    expect(isHttpProxy({ url: 'socks5h://s:1080', variable: 'ALL_PROXY' })).toBe(false);
    expect(proxyFromEnv({})).toBeNull();
  });

  it('NO_PROXY (either case) exempts hosts the curl way; loopback never goes through the proxy', () => {
    expect(noProxyFromEnv({ no_proxy: '.api.aws' })).toBe('.api.aws');
    expect(bypassesProxy('localhost', 80, undefined)).toBe(true);
    expect(bypassesProxy(HOST, 443, 'example.com, .api.aws')).toBe(true);
    expect(bypassesProxy('notapi.aws', 443, 'api.aws')).toBe(false);
    expect(bypassesProxy(HOST, 443, 'api.aws:8443')).toBe(false);
    expect(proxyFor({ HTTPS_PROXY: 'http://p:3128', NO_PROXY: '.api.aws' }, HOST)).toBeNull();
    expect(proxyFor({ HTTPS_PROXY: 'http://p:3128', NO_PROXY: '.api.aws' }, 'bedrock-runtime.us-east-1.amazonaws.com')).toEqual({ url: 'http://p:3128', variable: 'HTTPS_PROXY' });
    expect(proxyFor({}, HOST)).toBeNull();
  });

  it('shows where the proxy is without its credentials', () => {
    expect(proxyEndpoint({ url: 'http://alice:s3cret@proxy.corp:3128', variable: 'HTTPS_PROXY' })).toEqual({ shown: 'http://proxy.corp:3128', host: 'proxy.corp', port: 3128 });
    expect(proxyEndpoint({ url: 'https://proxy.corp', variable: 'HTTPS_PROXY' })).toEqual({ shown: 'https://proxy.corp:443', host: 'proxy.corp', port: 443 });
    expect(proxyEndpoint({ url: 'http://[::1]:8080', variable: 'ALL_PROXY' })?.host).toBe('::1');
    expect(proxyEndpoint({ url: 'socks5://s.corp', variable: 'ALL_PROXY' })?.port).toBe(1080);
    expect(proxyEndpoint({ url: 'http://bad host', variable: 'HTTPS_PROXY' })).toBeNull();
  });
});
