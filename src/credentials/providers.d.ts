// The types of `cleanroomsml-wasm/credential-providers` (providers.js), named and shaped as
// `@aws-sdk/credential-providers`'. Credentials types come from the module's own d.ts.
import type { AwsCredentialIdentity } from "./cleanroomsml_wasm.js";

/** Where Cognito Identity or STS is: the region, or a custom endpoint such as the local one. */
export interface CredentialProviderClientConfig {
    region: string;
    /** A custom endpoint such as `http://127.0.0.1:8081`. */
    endpoint?: string;
    /** Used instead of `globalThis.fetch`. */
    fetch?: typeof fetch;
}

/** A token, or a function giving one, called again at each refresh. */
export type TokenOrProvider = string | (() => string | Promise<string>);

/** What `cache` takes: a `Storage` such as `localStorage`, an `IndexedDbStorage`, or one like them. */
export interface IdentityIdStorage {
    getItem(key: string): string | null | Promise<string | null>;
    setItem(key: string, value: string): void | Promise<void>;
    removeItem(key: string): void | Promise<void>;
}

/** Credentials from Cognito Identity: as `AwsCredentialIdentity`, with the identity. */
export interface CognitoIdentityCredentials extends AwsCredentialIdentity {
    identityId: string;
}

/** A credentials function whose credentials carry the Cognito identity. */
export type CognitoIdentityCredentialProvider = (options?: { forceRefresh?: boolean }) => Promise<CognitoIdentityCredentials>;

export interface FromCognitoIdentityPoolParameters {
    /** `us-east-1:…`, the pool's ID. */
    identityPoolId: string;
    /** Identity provider names (`cognito-idp.us-east-1.amazonaws.com/us-east-1_…`, an OIDC issuer) and their tokens; at most 10. */
    logins?: Record<string, TokenOrProvider>;
    customRoleArn?: string;
    /** Who the identity ID is kept for, beside the pool; give it when `logins` name a user. */
    userIdentifier?: string;
    /** Where the identity ID (never the credentials) is kept; in memory when left out. */
    cache?: IdentityIdStorage;
    clientConfig: CredentialProviderClientConfig;
}

export interface FromCognitoIdentityParameters {
    identityId: string;
    logins?: Record<string, TokenOrProvider>;
    customRoleArn?: string;
    clientConfig: CredentialProviderClientConfig;
}

export interface FromWebTokenInit {
    roleArn: string;
    webIdentityToken: TokenOrProvider;
    /** 2–64 characters of `[\w+=,.@-]`; `cleanroomsml-wasm-<time>` when left out. */
    roleSessionName?: string;
    /** 900–43200. */
    durationSeconds?: number;
    providerId?: string;
    policy?: string;
    clientConfig: CredentialProviderClientConfig;
}

/**
 * Credentials of a Cognito identity pool: `GetId` once, then `GetCredentialsForIdentity` at
 * each refresh (five minutes before expiry). Throws a `ValidationError` or
 * `ConfigurationError` now for parameters that cannot work; the function rejects with the
 * service's error (`NotAuthorizedException`, `ResourceNotFoundException`…, with `$metadata`).
 */
export function fromCognitoIdentityPool(parameters: FromCognitoIdentityPoolParameters): CognitoIdentityCredentialProvider;
/** Credentials of a known Cognito identity: `GetCredentialsForIdentity` at each refresh. */
export function fromCognitoIdentity(parameters: FromCognitoIdentityParameters): CognitoIdentityCredentialProvider;
/** Credentials of an IAM role for an OIDC token: `AssumeRoleWithWebIdentity` at each refresh
 * (`InvalidIdentityTokenException`, `ExpiredTokenException`… as the SDK names them). */
export function fromWebToken(parameters: FromWebTokenInit): (options?: { forceRefresh?: boolean }) => Promise<AwsCredentialIdentity>;

/** Identity IDs in memory (the default). */
export class InMemoryStorage implements IdentityIdStorage {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/** Identity IDs in IndexedDB, as the AWS SDK keeps them. */
export class IndexedDbStorage implements IdentityIdStorage {
    constructor(dbName?: string);
    getItem(key: string): Promise<string | null>;
    setItem(key: string, value: string): Promise<void>;
    removeItem(key: string): Promise<void>;
}
