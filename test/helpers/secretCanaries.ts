// Real-looking secrets for tests to plant where a person keeps them (the environment, ~/.aws files, config.toml
// values and comments, a server's error text) and then look for in what we print or share: none may appear.
// One list, so a kind of secret added here is planted and looked for by every test that uses it.

export const CANARY = {
  /** An access key id: AKIA and 16 more. */
  accessKeyId: 'AKIAQ7RZK4XWT2PLMN3V',
  /** 40 characters of base64 with a slash and a plus, like an AWS secret access key. */
  secretKey: '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',
  /** A session token: long, with runs of slashes and base64 padding, as STS hands them out. */
  sessionToken: `IQoJb3JpZ2luX2VjE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'Kp3Vn8Qw2Zx7Lr5Ty1Mb4Hc9Jd6Fg0Sa'.repeat(4)}+/==`,
  /** A bearer token, as in an Authorization header or AWS_CONTAINER_AUTHORIZATION_TOKEN. */
  bearer: 'eyJhbGciOiJSUzI1NiJ9.R7tVq2LmX9cWz4PnK8dYs1Hb6Jf3Ga0E',
  /** A long-term Bedrock API key. */
  apiKey: `ABSK${'QmVkcm9ja0FQSUtleS1jYW5hcnk'.repeat(2)}`,
  /** A short-term Bedrock API key (AWS_BEARER_TOKEN_BEDROCK); only its prefix may show. */
  shortTermApiKey: 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tL2NhbmFyeQ',
  /** An AWS account id: with a role name it is half of what a phishing mail needs. */
  account: '731946285017',
  proxyPassword: 'Pr0xyCanaryPw',
  /** A password a person noted in a comment (`# password: …`): no shape to recognise it by. */
  notePassword: 'Hunter2Canary',
} as const;

/** Each canary with its name, for a failure message that says which one leaked. */
export const CANARIES = Object.entries(CANARY) as [keyof typeof CANARY, string][];
