// Version facts about Codex in one place, and the comparison they need.

/** First version OpenAI's "Configure Codex with Amazon Bedrock" help page asks for. */
export const CODEX_MIN_BEDROCK = '0.128.0';
/** From here on `--profile NAME` reads only `<name>.config.toml`; `profile = …` / `[profiles.X]` are refused. */
export const CODEX_PROFILE_FILES_SINCE = '0.134.0';
/** Observed (0.169.0) to run aws.auth_refresh when an SSO session has expired, then retry the turn. */
export const CODEX_AUTH_REFRESH_SINCE = '0.169.0';
export const CODEX_UPDATE_COMMAND = 'npm i -g @openai/codex@latest';

/** Compares the first dotted number in each string (`codex-cli 0.169.0` works): 0.134.0 > 0.99.9. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/\d+(?:\.\d+)*/.exec(v)?.[0] ?? '0').split('.').map(Number);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
