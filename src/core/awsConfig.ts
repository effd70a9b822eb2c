// ~/.aws/config and ~/.aws/credentials: read, and edit without touching any other byte.
// Follows botocore's INI dialect: full-line `#`/`;` comments, indented lines continue the
// previous key (nested values such as `s3 =\n  max_concurrent_requests = 10`).
import type { AwsProfile, SsoSession } from '../types.js';

interface Line {
  kind: 'blank' | 'comment' | 'section' | 'key' | 'continuation' | 'other';
  start: number;
  end: number; // after the line break
  text: string; // without the line break
  section?: string; // normalised section name (for section lines)
  key?: string;
  /** Offset (in the document) where the value starts, after `=` and spaces. */
  valueStart?: number;
}

export interface IniSection {
  name: string; // normalised: "profile x", "sso-session corp", "default"
  values: Record<string, string>;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  let inKey = false;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const raw = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const line: Line = { kind: 'other', start: pos, end, text: raw };
    const trimmed = raw.replace(/^\uFEFF/, '').trim();
    const indented = /^[ \t]/.test(raw);
    if (trimmed === '') line.kind = 'blank';
    else if (trimmed.startsWith('#') || trimmed.startsWith(';')) line.kind = 'comment';
    else if (indented && inKey) line.kind = 'continuation';
    else if (trimmed.startsWith('[')) {
      const m = /^\[([^\]]*)\]/.exec(trimmed);
      if (m) {
        line.kind = 'section';
        line.section = normaliseSection(m[1]!);
        inKey = false;
      }
    } else {
      const m = /^(\uFEFF?[ \t]*)([^=:\s][^=:]*?)[ \t]*[=:][ \t]*/.exec(raw);
      if (m) {
        line.kind = 'key';
        line.key = m[2]!.trim();
        line.valueStart = pos + m[0].length;
        inKey = true;
      }
    }
    out.push(line);
    pos = end;
  }
  return out;
}

function normaliseSection(s: string): string {
  return s.trim().split(/\s+/).join(' ');
}

export function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
  let cur: IniSection | null = null;
  let lastKey: string | null = null;
  for (const l of lines(text)) {
    if (l.kind === 'section') {
      // A repeated section adds to the earlier one, as botocore reads it.
      cur = sections.find((s) => s.name === l.section) ?? null;
      if (!cur) sections.push((cur = { name: l.section!, values: {} }));
      lastKey = null;
    } else if (l.kind === 'key' && cur) {
      lastKey = l.key!;
      cur.values[lastKey] = l.text.slice(l.valueStart! - l.start).trim();
    } else if (l.kind === 'continuation' && cur && lastKey) {
      cur.values[lastKey] = (cur.values[lastKey] ? cur.values[lastKey] + '\n' : '') + l.text.trim();
    }
  }
  return sections;
}

export function parseAwsConfig(text: string): { profiles: AwsProfile[]; ssoSessions: SsoSession[] } {
  const sections = parseIni(text);
  const ssoSessions: SsoSession[] = sections
    .filter((s) => s.name.startsWith('sso-session '))
    .map((s) => ({
      name: s.name.slice('sso-session '.length),
      startUrl: s.values.sso_start_url,
      region: s.values.sso_region,
      scopes: s.values.sso_registration_scopes,
    }));
  const profiles: AwsProfile[] = [];
  for (const s of sections) {
    const name = s.name === 'default' ? 'default' : s.name.startsWith('profile ') ? s.name.slice('profile '.length) : null;
    if (name === null) continue;
    const v = s.values;
    const session = v.sso_session ? ssoSessions.find((x) => x.name === v.sso_session) : undefined;
    const profile: AwsProfile = {
      name,
      region: v.region,
      ssoSession: v.sso_session,
      ssoStartUrl: v.sso_start_url ?? session?.startUrl,
      ssoAccountId: v.sso_account_id,
      ssoRoleName: v.sso_role_name,
      isSso: Boolean(v.sso_session || v.sso_start_url),
      hasStaticKeys: Boolean(v.aws_access_key_id),
      ...(v.role_arn ? { roleArn: v.role_arn } : {}),
      ...(v.role_session_name ? { roleSessionName: v.role_session_name } : {}),
      ...(v.credential_process ? { credentialProcess: true } : {}),
      ...(v.source_profile ? { sourceProfile: v.source_profile } : {}),
      ...(v.credential_source ? { credentialSource: v.credential_source } : {}),
      ...(v.login_session ? { loginSession: true } : {}),
    };
    const existing = profiles.findIndex((p) => p.name === name);
    if (existing >= 0) profiles[existing] = profile;
    else profiles.push(profile);
  }
  return { profiles, ssoSessions };
}

/** Names of profiles in ~/.aws/credentials that hold static keys. The keys themselves never leave this function. */
export function parseCredentialsFile(text: string): string[] {
  return parseIni(text)
    .filter((s) => Boolean(s.values.aws_access_key_id))
    .map((s) => (s.name.startsWith('profile ') ? s.name.slice('profile '.length) : s.name));
}

/** Profiles from both files, as the AWS CLI lists them. */
export function listAwsProfiles(configText: string | null, credentialsText: string | null): { profiles: AwsProfile[]; ssoSessions: SsoSession[] } {
  const parsed = parseAwsConfig(configText ?? '');
  for (const name of parseCredentialsFile(credentialsText ?? '')) {
    const p = parsed.profiles.find((x) => x.name === name);
    if (p) p.hasStaticKeys = true;
    else parsed.profiles.push({ name, isSso: false, hasStaticKeys: true });
  }
  return parsed;
}

// What an INI value must never carry: it would end the line or hide in a terminal.
const UNSAFE = /[\u0000-\u001f\u007f\u2028\u2029]/;

/**
 * Updates keys in place, appends missing ones at the end of the section, or creates the
 * section at the end of the file. `header` is `profile X`, `sso-session X` or `default`.
 */
export function upsertSection(text: string, header: string, values: Record<string, string>): string {
  const name = normaliseSection(header);
  if (!/^(default|profile [^\s\[\]]+|sso-session [^\s\[\]]+|services [^\s\[\]]+)$/.test(name) || UNSAFE.test(name)) {
    throw new Error(`Refusing to write the AWS config section [${header}]: not a valid section name.`);
  }
  for (const [k, v] of Object.entries(values)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(k)) throw new Error(`Refusing to write the AWS config key "${k}".`);
    if (UNSAFE.test(v) || v !== v.trim()) throw new Error(`Refusing to write ${k}: the value has line breaks, control characters or surrounding spaces.`);
  }
  const eol = /\r\n/.test(text.slice(0, (text.indexOf('\n') + 1) || text.length)) ? '\r\n' : '\n';
  const ls = lines(text);
  const headerIdx = ls.map((l) => l.kind === 'section' && (l.section === name || (name === 'default' && l.section === 'profile default'))).lastIndexOf(true);

  if (headerIdx < 0) {
    const block = [`[${name}]`, ...Object.entries(values).map(([k, v]) => `${k} = ${v}`)];
    if (text.replace(/^\uFEFF/, '').trim() === '') return text + block.join(eol) + eol;
    const endsNl = text.endsWith('\n');
    const endsBlank = /\n[ \t]*\r?\n$/.test(text);
    return text + (endsNl ? '' : eol) + (endsBlank ? '' : eol) + block.join(eol) + (endsNl ? eol : '');
  }

  let sectionEnd = ls.length;
  for (let i = headerIdx + 1; i < ls.length; i++) {
    if (ls[i]!.kind === 'section') {
      sectionEnd = i;
      break;
    }
  }
  const edits: { start: number; end: number; text: string; append?: boolean }[] = [];
  let insertAt = ls[headerIdx]!.end;
  for (let i = headerIdx + 1; i < sectionEnd; i++) if (ls[i]!.kind === 'key' || ls[i]!.kind === 'continuation') insertAt = ls[i]!.end;
  const missing: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    let idx = -1;
    for (let i = headerIdx + 1; i < sectionEnd; i++) if (ls[i]!.kind === 'key' && ls[i]!.key === k) idx = i;
    if (idx < 0) {
      missing.push(`${k} = ${v}`);
      continue;
    }
    const l = ls[idx]!;
    let last = idx;
    while (last + 1 < sectionEnd && ls[last + 1]!.kind === 'continuation') last++;
    const current = text.slice(l.valueStart!, l.start + l.text.length).trim();
    if (current === v && last === idx) continue;
    const lineEnd = l.start + l.text.length;
    // Keep the key's own spacing; a nested value's continuation lines go with it.
    const sep = l.valueStart === lineEnd && !/[ \t]$/.test(text.slice(l.start, lineEnd)) ? ' ' : '';
    edits.push({ start: l.valueStart!, end: last === idx ? lineEnd : ls[last]!.start + ls[last]!.text.length, text: sep + v });
  }
  if (missing.length > 0) {
    const atEof = insertAt >= text.length && !text.endsWith('\n');
    edits.push({ start: insertAt, end: insertAt, text: atEof ? eol + missing.join(eol) : missing.join(eol) + eol, append: true });
  }
  // Applied back to front; at the same offset the appended keys go in first so they end up after an edited value.
  edits.sort((a, b) => b.start - a.start || (a.append ? -1 : 1));
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * The text without section `name` (each occurrence): its header and lines up to the next section, less the
 * comments that lead into that next section, and the blank line upsertSection put before it.
 */
export function removeSection(text: string, name: string): string {
  const wanted = normaliseSection(name);
  const ls = lines(text);
  let out = text;
  for (let i = ls.length - 1; i >= 0; i--) {
    if (ls[i]!.kind !== 'section' || ls[i]!.section !== wanted) continue;
    let end = ls.findIndex((l, j) => j > i && l.kind === 'section');
    if (end < 0) end = ls.length;
    else while (end - 1 > i && (ls[end - 1]!.kind === 'comment' || (ls[end - 1]!.kind === 'blank' && ls[end - 2]?.kind === 'comment'))) end--;
    let from = ls[i]!.start;
    // One blank line stays between what was before and after the block.
    const endsBlank = end - 1 > i && ls[end - 1]!.kind === 'blank';
    if (i > 0 && ls[i - 1]!.kind === 'blank' && !endsBlank) from = ls[i - 1]!.start;
    const to = end < ls.length ? ls[end]!.start : text.length;
    // The block was the end of a file without a final line break: the break before it was ours too.
    if (to === text.length && !text.endsWith('\n') && from > 0) from -= text.slice(0, from).endsWith('\r\n') ? 2 : 1;
    out = out.slice(0, from) + out.slice(to);
  }
  return out;
}
