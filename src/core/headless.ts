// Whether this session can show a browser: the aws CLI's default sign-in (2.22+) opens one and waits for a
// callback on localhost, which cannot complete over SSH, in a container or (often) in WSL. Pure.

export type HeadlessReason = 'ssh' | 'wsl' | 'container' | 'no-display';

export interface SessionFacts {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** /.dockerenv or /run/.containerenv exists (read by the service). */
  containerFile: boolean;
}

const set = (v: string | undefined) => v !== undefined && v !== '';

/** Why no browser can complete a localhost sign-in here, or null when one can. */
export function headlessReason({ env, platform, containerFile }: SessionFacts): HeadlessReason | null {
  if (set(env.SSH_CONNECTION) || set(env.SSH_TTY)) return 'ssh';
  if (platform === 'linux' && set(env.WSL_DISTRO_NAME)) return 'wsl';
  // podman and systemd-nspawn set `container`; Docker leaves /.dockerenv, podman /run/.containerenv.
  if (set(env.container) || containerFile) return 'container';
  if (platform === 'linux' && !set(env.DISPLAY) && !set(env.WAYLAND_DISPLAY)) return 'no-display';
  return null;
}

/** For people: "over SSH", "in WSL", … */
export function headlessWhy(reason: HeadlessReason): string {
  switch (reason) {
    case 'ssh':
      return 'this is an SSH session';
    case 'wsl':
      return 'this is WSL';
    case 'container':
      return 'this is a container';
    case 'no-display':
      return 'no display is set (DISPLAY, WAYLAND_DISPLAY)';
  }
}
