import { describe, expect, it } from 'vitest';
import { headlessReason, type SessionFacts } from '../../src/core/headless.js';

const desktop: SessionFacts = { env: { DISPLAY: ':0' }, platform: 'linux', containerFile: false };
const facts = (over: Partial<SessionFacts> & { env?: SessionFacts['env'] }): SessionFacts => ({ ...desktop, ...over });

describe('a session without a browser for the localhost sign-in', () => {
  it('a Linux desktop (X11 or Wayland), macOS and Windows have one', () => {
    expect(headlessReason(desktop)).toBeNull();
    expect(headlessReason(facts({ env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toBeNull();
    expect(headlessReason(facts({ env: {}, platform: 'darwin' }))).toBeNull();
    expect(headlessReason(facts({ env: {}, platform: 'win32' }))).toBeNull();
  });

  it('SSH wins over a forwarded display: the browser would open on the far side of the tunnel', () => {
    expect(headlessReason(facts({ env: { DISPLAY: 'localhost:10.0', SSH_CONNECTION: '10.0.0.2 50000 10.0.0.1 22' } }))).toBe('ssh');
    expect(headlessReason(facts({ env: { SSH_TTY: '/dev/pts/3' }, platform: 'darwin' }))).toBe('ssh');
    expect(headlessReason(facts({ env: { DISPLAY: ':0', SSH_CONNECTION: '' } }))).toBeNull();
  });

  it('WSL, even with WSLg display variables set', () => {
    expect(headlessReason(facts({ env: { WSL_DISTRO_NAME: 'Ubuntu', DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' } }))).toBe('wsl');
  });

  it('a container: the `container` variable, or /.dockerenv and /run/.containerenv as the service reads them', () => {
    expect(headlessReason(facts({ env: { DISPLAY: ':0', container: 'podman' } }))).toBe('container');
    expect(headlessReason(facts({ containerFile: true }))).toBe('container');
  });

  it('Linux with neither DISPLAY nor WAYLAND_DISPLAY (a console, a CI runner)', () => {
    expect(headlessReason(facts({ env: {} }))).toBe('no-display');
    expect(headlessReason(facts({ env: { DISPLAY: '' } }))).toBe('no-display');
  });
});
