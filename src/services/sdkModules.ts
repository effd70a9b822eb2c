// The AWS SDK packages we call, behind one lazy import: one chunk instead of a dozen small shared ones, which is
// what npx pays for per file when it unpacks the package.
export * as httpHandler from '@smithy/node-http-handler';
export * as credentialProviders from '@aws-sdk/credential-providers';
export * as sts from '@aws-sdk/client-sts';
export * as bedrock from '@aws-sdk/client-bedrock';
export * as protocolHttp from '@smithy/protocol-http';
export * as signatureV4 from '@smithy/signature-v4';
