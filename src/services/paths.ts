// Where the user's files live by default, per platform: the one place that knows. Codex (dirs::home_dir) and
// the aws CLI v2 (Python's expanduser) both take the Windows profile folder, %USERPROFILE%, and ignore HOME there.
import { homedir, userInfo } from 'node:os';
import { posix, win32 } from 'node:path';

const pathsOf = (platform: NodeJS.Platform) => (platform === 'win32' ? win32 : posix);

/** `C:\Users\me` or `\\server\share\me`; a rooted `\Users\me` or Git Bash's `/c/Users/me` names no drive. */
const windowsAbsolute = (p: string) => /^([A-Za-z]:[\\/]|[\\/]{2}[^\\/])/.test(p);

/**
 * The user's home. An empty HOME must not make paths relative to the current folder (./.codex): Codex
 * and the aws CLI would look in the real home, from the password database (or the Windows profile).
 */
export function homeOf(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const drivePath = env.HOMEDRIVE && env.HOMEPATH ? win32.join(env.HOMEDRIVE, env.HOMEPATH) : undefined;
    const found = [env.USERPROFILE, drivePath, env.HOME].find((p): p is string => !!p && windowsAbsolute(p));
    return found ?? homedir();
  }
  if (env.HOME && posix.isAbsolute(env.HOME)) return env.HOME;
  try {
    const fromPasswd = userInfo().homedir;
    if (fromPasswd && posix.isAbsolute(fromPasswd)) return fromPasswd;
  } catch {
    // no passwd entry (some containers)
  }
  return homedir();
}

/** `~` and `~/x` as a shell would expand them (a quoted '~/x' reaches us unexpanded). */
export function expandHome(path: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (path === '~') return homeOf(env, platform);
  if (path.startsWith('~/') || path.startsWith('~\\')) return pathsOf(platform).join(homeOf(env, platform), path.slice(2));
  return path;
}

export function codexHomeOf(env: NodeJS.ProcessEnv, override?: string, platform: NodeJS.Platform = process.platform): string {
  const chosen = override ?? (env.CODEX_HOME || undefined);
  const p = pathsOf(platform);
  return chosen ? p.resolve(expandHome(chosen, env, platform)) : p.join(homeOf(env, platform), '.codex');
}

export function awsConfigPathOf(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  return env.AWS_CONFIG_FILE ? expandHome(env.AWS_CONFIG_FILE, env, platform) : pathsOf(platform).join(homeOf(env, platform), '.aws', 'config');
}

export function awsCredentialsPathOf(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  return env.AWS_SHARED_CREDENTIALS_FILE ? expandHome(env.AWS_SHARED_CREDENTIALS_FILE, env, platform) : pathsOf(platform).join(homeOf(env, platform), '.aws', 'credentials');
}
