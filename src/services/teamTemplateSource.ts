// Reads a team template from a pinned HTTPS URL or a local file. Network goes through the services' HTTP
// client, so a corporate proxy, NO_PROXY and extra CAs apply exactly as they do to every AWS call.
import { readFile } from 'node:fs/promises';
import { checkPin, parseTemplateSource, parseTeamTemplateText, TeamTemplateError, type TeamTemplate, type TemplateSource } from '../core/teamTemplate.js';
import type { HttpClient } from './http.js';

/** A template is a few kB; anything near this is not one. */
export const TEMPLATE_MAX_BYTES = 256 * 1024;
export const TEMPLATE_DEADLINE_MS = 10_000;

export interface LoadedTemplate {
  template: TeamTemplate;
  source: TemplateSource;
  /** Where it came from, for messages (URL without the fragment, or the path). */
  where: string;
}

export interface TeamTemplateSource {
  /** Throws TeamTemplateError (bad pin, bad file, too big) or ServiceError (network). */
  load(arg: string): Promise<LoadedTemplate>;
}

export function createTeamTemplateSource(deps: { http: Pick<HttpClient, 'requestStream'> }): TeamTemplateSource {
  return {
    async load(arg) {
      const source = parseTemplateSource(arg);
      const bytes = source.kind === 'url' ? await fetchBounded(deps.http, source.url) : await readLocal(source.path);
      checkPin(source, bytes);
      const where = source.kind === 'url' ? source.url : source.path;
      let template: TeamTemplate;
      try {
        template = parseTeamTemplateText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch (e) {
        if (e instanceof TypeError) throw new TeamTemplateError(`${where} is not UTF-8 text`);
        throw e;
      }
      return { template, source, where };
    },
  };
}

async function fetchBounded(http: Pick<HttpClient, 'requestStream'>, url: string): Promise<Uint8Array> {
  const ctrl = new AbortController();
  // The whole download, not only the headers: a server that trickles must not hold the developer's set-up.
  const timer = setTimeout(() => ctrl.abort(), TEMPLATE_DEADLINE_MS);
  try {
    const res = await http.requestStream(url, { headers: { accept: 'application/toml, text/plain, */*' }, signal: ctrl.signal, deadlineMs: TEMPLATE_DEADLINE_MS, idleMs: TEMPLATE_DEADLINE_MS });
    if (res.status !== 200) {
      res.cancel();
      throw new TeamTemplateError(`${url} answered HTTP ${res.status}; the template could not be downloaded. Check the URL with your administrator.`);
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > TEMPLATE_MAX_BYTES) {
        res.cancel();
        throw new TeamTemplateError(`${url} is larger than ${TEMPLATE_MAX_BYTES / 1024} kB; that is not a team template.`);
      }
      parts.push(chunk);
    }
    return Buffer.concat(parts);
  } catch (e) {
    if (ctrl.signal.aborted && !(e instanceof TeamTemplateError)) {
      throw new TeamTemplateError(`${url} did not arrive within ${TEMPLATE_DEADLINE_MS / 1000} s. Check your network or proxy (HTTPS_PROXY), then retry.`);
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

async function readLocal(path: string): Promise<Uint8Array> {
  try {
    const bytes = await readFile(path);
    if (bytes.length > TEMPLATE_MAX_BYTES) throw new TeamTemplateError(`${path} is larger than ${TEMPLATE_MAX_BYTES / 1024} kB; that is not a team template.`);
    return bytes;
  } catch (e) {
    if (e instanceof TeamTemplateError) throw e;
    throw new TeamTemplateError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
