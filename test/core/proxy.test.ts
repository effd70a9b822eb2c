import { describe, expect, it } from 'vitest';
import { bypassesProxy, noProxyFromEnv, proxyEndpoint, proxyFor, proxyFromEnv, proxySetting } from '../../src/core/proxy.js';

const HOST = 'bedrock-mantle.us-east-1.api.aws';

describe('which proxy variables count', () => {
  it('HTTPS first, then https, then the HTTP ones; a bare host gets http://', () => {
    expect(proxySetting({ HTTPS_PROXY: 'proxy:3128', HTTP_PROXY: 'http://other:1' })).toEqual({ url: 'http://proxy:3128', variable: 'HTTPS_PROXY' });
    expect(proxySetting({ https_proxy: 'http://p:1', HTTP_PROXY: 'http://other:1' })).toEqual({ url: 'http://p:1', variable: 'https_proxy' });
    expect(proxySetting({ HTTP_PROXY: 'http://h:8080' })).toEqual({ url: 'http://h:8080', variable: 'HTTP_PROXY' });
    expect(proxySetting({ http_proxy: 'h:8080' })).toEqual({ url: 'http://h:8080', variable: 'http_proxy' });
    expect(proxySetting({ HTTPS_PROXY: '', http_proxy: 'h:1' })?.variable).toBe('http_proxy');
    expect(proxySetting({})).toBeNull();
    expect(proxyFromEnv({ HTTP_PROXY: 'h:1' })).toBe('http://h:1');
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
    expect(proxyEndpoint({ url: 'http://[::1]:8080', variable: 'HTTP_PROXY' })?.host).toBe('::1');
    expect(proxyEndpoint({ url: 'http://bad host', variable: 'HTTPS_PROXY' })).toBeNull();
  });
});
