// The real services, wired once. Nothing heavy is imported here: the AWS SDK loads on first use.
import { join } from 'node:path';
import { parse } from 'smol-toml';
import type { EndpointResolver } from '../types.js';
import { createAwsService } from './awsService.js';
import { codexHomeOf, createConfigService } from './configService.js';
import { makeEndpointResolver } from './endpoints.js';
import { readSmallFileSync } from './files.js';
import { createHttp } from './http.js';
import { createNetService } from './net.js';
import { createSsoPortal } from './ssoPortal.js';
import { createSsoService } from './ssoRunner.js';
import { createStartUrlService } from './ssoStartUrl.js';
import { createTeamTemplateSource } from './teamTemplateSource.js';
import { createToolsService } from './tools.js';
import type { Services } from './types.js';

export interface RealServicesOptions {
  env: NodeJS.ProcessEnv;
  codexHome?: string;
  /** --demo: every AWS service lives in the local emulator. */
  emulatorUrl?: string;
  /** --demo: the environment of the aws CLI that signs in (the emulator's proxy and CA); default: `env`. */
  awsCliEnv?: () => Promise<NodeJS.ProcessEnv>;
  /** --verbose: one redacted line per HTTP request on stderr. */
  verbose?: boolean;
  /** The command's ceiling (Date.now() value): network calls give up before it with their own diagnosis. */
  deadlineAt?: number;
}

export function createRealServices(opts: RealServicesOptions): Services {
  const { env } = opts;
  const codexHome = codexHomeOf(env, opts.codexHome);
  const http = createHttp({ env, deadlineAt: opts.deadlineAt, log: opts.verbose ? (line) => process.stderr.write(`[http] ${line}\n`) : undefined });
  const endpoints = lazyEndpoints(() => makeEndpointResolver(env, { emulatorUrl: opts.emulatorUrl, mantleBaseUrl: codexBaseUrl(codexHome) }));
  return {
    env,
    ...(opts.awsCliEnv ? { awsCliEnv: opts.awsCliEnv } : {}),
    now: () => Date.now(),
    tools: createToolsService({ env, codexHome }),
    aws: createAwsService({ env, http, endpoints }),
    config: createConfigService(env, codexHome),
    sso: createSsoService({ env, envFor: opts.awsCliEnv, portal: createSsoPortal({ http, endpoints }) }),
    teamTemplates: createTeamTemplateSource({ http }),
    startUrls: createStartUrlService({ http, endpoints }),
    net: createNetService(),
  };
}

/** Codex's base_url moves Mantle for Codex, so it moves it for our checks too. */
function codexBaseUrl(codexHome: string): string | undefined {
  try {
    // Checked like every config read: a FIFO or /dev/zero here would block start-up for ever.
    const data = parse(readSmallFileSync(join(codexHome, 'config.toml')) ?? '') as { model_providers?: Record<string, { base_url?: unknown }> };
    const url = data.model_providers?.['amazon-bedrock']?.base_url;
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined; // a missing or malformed file is reported by the config checks, not here
  }
}

function lazyEndpoints(make: () => EndpointResolver): EndpointResolver {
  let resolver: EndpointResolver | undefined;
  const get = () => (resolver ??= make());
  return {
    sts: (r) => get().sts(r),
    bedrock: (r) => get().bedrock(r),
    mantle: (r) => get().mantle(r),
    mantleResponses: (r) => get().mantleResponses(r),
    mantleModels: (r) => get().mantleModels(r),
    runtimeResponses: (r) => get().runtimeResponses(r),
    ssoOidc: (r) => get().ssoOidc(r),
    ssoPortal: (r) => get().ssoPortal(r),
  };
}
