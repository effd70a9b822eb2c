// Text from outside (servers, other programs, the user's files) shown on a terminal: no control
// character or escape sequence gets through, printable Unicode does. Control characters are shown as
// their visible Unicode pictures (ESC → ␛), so nothing is hidden and nothing is executed.
import { redact } from './redact.js';

// C0 except TAB and LF, DEL, C1, and the bidi overrides that can reorder what a line seems to say.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

function picture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One piece of outside text for a terminal line: every control character made visible (newlines too, by default). */
export function sanitize(text: string, opts: { keepNewlines?: boolean } = {}): string {
  const out = text.replace(CONTROL, picture);
  return opts.keepNewlines ? out : out.replace(/\n/g, '\u2424').replace(/\t/g, ' ');
}

// The colours our own output helpers add (SGR only): everything else that looks like an escape is outside text.
const OWN_SGR = /\u001B\[(?:\d{1,3}(?:;\d{1,3})*)?m/g;

/**
 * A whole line about to be written by a plain-text command: our own colour codes survive when colour
 * is on, every other control character becomes visible. Used at the Io boundary, so text from a
 * server that reached a message by any route is still made harmless there.
 */
export function sanitizeLine(line: string, keepColour: boolean): string {
  if (!keepColour) return sanitize(line, { keepNewlines: true });
  let out = '';
  let last = 0;
  for (const m of line.matchAll(OWN_SGR)) {
    out += sanitize(line.slice(last, m.index), { keepNewlines: true }) + m[0];
    last = m.index! + m[0].length;
  }
  return out + sanitize(line.slice(last), { keepNewlines: true });
}

/** True when the text has anything sanitize() would change (used to refuse values before writing them). */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** A server's or program's failure, safe to show anywhere: its words made visible, secrets masked, length bounded. */
export function cleanFailure<F extends { message?: string; errorType?: string; code?: string }>(f: F): F {
  // Newlines stay: the catalogue shows a message's first line.
  const clean = (s: string | undefined, max: number) => (s === undefined ? undefined : redact(sanitize(s.length > max ? `${s.slice(0, max)}…` : s, { keepNewlines: true })));
  const out = { ...f };
  if (f.message !== undefined) out.message = clean(f.message, 2_000);
  if (f.errorType !== undefined) out.errorType = clean(f.errorType, 200);
  if (f.code !== undefined) out.code = clean(f.code, 100);
  return out;
}

// What AWS model ids are made of; anything else from a server is not an id we offer or write.
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/;

export function plausibleModelId(id: string): boolean {
  return MODEL_ID.test(id);
}
