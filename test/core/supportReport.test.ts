import { describe, expect, it } from 'vitest';
import { relevantEnv, supportReport, type SupportReportInput } from '../../src/core/supportReport.js';
import { redactAccountIds, redactForSharing } from '../../src/core/redact.js';
import { CANARIES, CANARY } from '../helpers/secretCanaries.js';

const { accessKeyId: AKID, secretKey: SECRET, sessionToken: TOKEN, account: ACCOUNT, proxyPassword: PROXY_PW, apiKey: ABSK } = CANARY;

function input(over: Partial<SupportReportInput> = {}): SupportReportInput {
  return {
    toolVersion: '9.8.7',
    node: '22.1.0',
    os: 'linux 6.1.0',
    arch: 'x64',
    codex: { path: '/home/ann/bin/codex', version: '0.171.0' },
    awsClis: [
      { path: '/home/ann/bin/aws', version: '1.45.11', major: 1 },
      { path: '/usr/bin/aws', version: '2.9.19', major: 2 },
    ],
    report: {
      ok: false,
      codexProfile: 'bedrock-prod',
      codexVersion: '0.171.0',
      credential: { kind: 'aws-profile', source: 'aws.profile in config.toml', profile: 'codex-bedrock' },
      checks: [
        { id: 'node', status: 'pass', summary: 'Node 22.1.0' },
        {
          id: 'identity',
          status: 'fail',
          summary: `Signed in as arn:aws:sts::${ACCOUNT}:assumed-role/Dev/ann with ${AKID}`,
          why: `The server said: bad token ${TOKEN}`,
          fix: 'aws sso login --profile codex-bedrock',
          diagnosis: 'expired-token',
        },
      ],
    },
    configFiles: [
      {
        name: 'config.toml',
        text: [
          `# old key ${AKID} / ${SECRET}`,
          'profile = "bedrock-prod"',
          `# password: ${CANARY.notePassword}`,
          'approval_policy = "never" # api_key = sk-short',
          '[model_providers.amazon-bedrock.aws]',
          'region = "us-east-1"',
          `role_arn = "arn:aws:iam::${ACCOUNT}:role/Dev"`,
          `experimental_bearer_token = "${ABSK}"`,
          `http_headers = { "Authorization" = "Bearer ${CANARY.bearer}" }`,
        ].join('\n'),
      },
      { name: 'bedrock-prod.config.toml', text: 'model = "openai.gpt-5.5"\n' },
      { name: 'team.config.toml', text: null },
    ],
    env: {
      HOME: '/home/ann',
      PATH: '/usr/bin',
      AWS_REGION: 'us-east-1',
      AWS_PROFILE: 'codex-bedrock',
      AWS_ACCESS_KEY_ID: AKID,
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: TOKEN,
      AWS_BEARER_TOKEN_BEDROCK: CANARY.shortTermApiKey,
      HTTPS_PROXY: `http://ann:${PROXY_PW}@proxy.corp:3128`,
      SOME_OTHER: 'shown-nowhere',
    },
    home: '/home/ann',
    ...over,
  };
}

describe('supportReport', () => {
  const doc = supportReport(input({ helpUrl: 'https://wiki.example.com/codex' }));

  it('masks every secret, token and account id, wherever it appears', () => {
    for (const [name, value] of CANARIES) expect(doc, name).not.toContain(value);
    expect(doc).toContain('arn:aws:iam::************:role/Dev');
    expect(doc).toContain('AKIA****');
  });

  it('names the versions of the tool, Node, the OS, Codex and each aws CLI', () => {
    expect(doc).toContain('- codex-bedrock-setup: 9.8.7');
    expect(doc).toContain('- Node: 22.1.0');
    expect(doc).toContain('- OS: linux 6.1.0 (x64)');
    expect(doc).toContain('- Codex: 0.171.0 at ~/bin/codex');
    expect(doc).toContain('- aws CLI: 1.45.11 at ~/bin/aws');
    expect(doc).toContain('- aws CLI (shadowed, #2 on PATH): 2.9.19 at /usr/bin/aws');
  });

  it('lists each check with its status, why and fix', () => {
    expect(doc).toContain('1 problem found.');
    expect(doc).toContain('- **PASS** `node`: Node 22.1.0');
    expect(doc).toMatch(/- \*\*FAIL\*\* `identity`: Signed in as arn:aws:sts::\*{12}:assumed-role\/Dev\/ann/);
    expect(doc).toContain('  - Fix: aws sso login --profile codex-bedrock');
    expect(doc).toContain('  - Diagnosis: expired-token');
    // Failures first, though the passing check ran first.
    expect(doc.indexOf('`identity`')).toBeLessThan(doc.indexOf('`node`'));
  });

  it('lists checks waiting for the config as SKIPPED, after the ones that ran', () => {
    const base = input().report;
    const waiting = { id: 'codex-config-checks', status: 'skipped' as const, summary: 'Checks of the Codex config run once it exists: npx codex-bedrock-setup' };
    const d = supportReport(input({ report: { ...base, checks: [waiting, ...base.checks] } }));
    expect(d).toContain('- **SKIPPED** `codex-config-checks`: Checks of the Codex config run once it exists: npx codex-bedrock-setup');
    expect(d.indexOf('`codex-config-checks`')).toBeGreaterThan(d.indexOf('`node`'));
    expect(d).toContain('1 problem found.');
  });

  it('shows the Codex files with secret values masked and the rest as written', () => {
    expect(doc).toContain('### config.toml');
    expect(doc).toContain('region = "us-east-1"');
    expect(doc).toContain('experimental_bearer_token = "****"');
    // Notes in comments lose their values too; the rest of the line stays.
    expect(doc).toContain('# password: ****');
    expect(doc).toContain('approval_policy = "never" # api_key = ****');
    expect(doc).toContain('### bedrock-prod.config.toml');
    expect(doc).toContain('model = "openai.gpt-5.5"');
    expect(doc).toMatch(/### team\.config\.toml\n\n\(absent\)/);
  });

  it('names the variables set; values only for the non-secret ones, proxy passwords masked', () => {
    expect(doc).toContain('- AWS_REGION=us-east-1');
    expect(doc).toContain('- AWS_PROFILE=codex-bedrock');
    expect(doc).toContain('- AWS_SECRET_ACCESS_KEY (set, value withheld)');
    expect(doc).toContain('- AWS_SESSION_TOKEN (set, value withheld)');
    expect(doc).toContain('- HTTPS_PROXY=http://ann:****@proxy.corp:3128');
    expect(doc).not.toContain('SOME_OTHER');
    expect(doc).not.toMatch(/^- PATH/m);
  });

  it("gives the team's help URL when there is one", () => {
    expect(doc).toContain('Help from your team: https://wiki.example.com/codex');
    expect(supportReport(input())).not.toContain('Help from your team');
  });

  it('keeps a fence closed when a file holds backticks', () => {
    const d = supportReport(input({ configFiles: [{ name: 'config.toml', text: 'x = """\n```\n"""' }] }));
    expect(d).toContain('````toml\nx = """\n```\n"""\n````');
  });

  it('says so when nothing is found', () => {
    const d = supportReport(input({ codex: null, awsClis: [], configFiles: [], env: {} }));
    expect(d).toContain('- Codex: not found on PATH');
    expect(d).toContain('- aws CLI: not found on PATH');
    expect(d).toContain('No Codex config files.');
    expect(d).toContain('No AWS, Codex or proxy variables are set.');
  });
});

describe('relevantEnv', () => {
  it('keeps AWS, Codex and proxy variables, in name order, empty ones left out', () => {
    expect(relevantEnv({ https_proxy: 'http://p:1', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'x', EDITOR: 'vi', AWS_PROFILE: '' })).toEqual([
      { name: 'AWS_ACCESS_KEY_ID' },
      { name: 'AWS_REGION', value: 'eu-west-1' },
      { name: 'https_proxy', value: 'http://p:1' },
    ]);
  });
});

describe('redactForSharing', () => {
  it('masks nameless secret shapes but leaves hashes, versions and timestamps', () => {
    const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
    expect(redactForSharing(`key ${SECRET} hash ${sha1} at 1733140800123 v2.9.19`)).toBe(`key **** hash ${sha1} at 1733140800123 v2.9.19`);
  });
  it('masks an account id alone and inside an ARN, not inside a longer number', () => {
    expect(redactAccountIds(`${ACCOUNT} arn:aws:iam::${ACCOUNT}:role/x 1234567890123`)).toBe('************ arn:aws:iam::************:role/x 1234567890123');
  });
});
