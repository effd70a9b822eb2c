// The IAM Identity Center portal API (rest-json, bearer header, not SigV4): which accounts and roles the
// signed-in user may use. Through the shared HTTP client, like every other AWS call.
import { cleanFailure, sanitize } from '../core/sanitize.js';
import type { EndpointResolver } from '../types.js';
import { ServiceError } from './errors.js';
import type { HttpClient } from './http.js';

export interface SsoAssignment {
  accountId: string;
  accountName: string;
  roles: string[];
}

export interface SsoPortal {
  /** Accounts and roles the token's user may use. Never log the token. */
  listAssignments(ssoRegion: string, accessToken: string): Promise<SsoAssignment[]>;
}

// What the portal's ids are made of (12-digit accounts; IAM role names); anything else is refused before we plan a write.
const ACCOUNT_ID = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

function portalShapeError(what: string): ServiceError {
  return new ServiceError({ kind: 'credentials', service: 'sso', code: 'SSO_PORTAL_MALFORMED', message: `The IAM Identity Center portal sent ${what}. Retry; if it repeats, ask your administrator, or pass --account-id and --sso-role.` });
}

export function createSsoPortal(deps: { http: Pick<HttpClient, 'requestStream'>; endpoints: Pick<EndpointResolver, 'ssoPortal'> }): SsoPortal {
  return {
    async listAssignments(ssoRegion, accessToken) {
      const base = deps.endpoints.ssoPortal(ssoRegion);
      const get = async (path: string, listKey: string): Promise<Record<string, unknown>[]> => {
        const res = await deps.http.requestStream(`${base}${path}`, { headers: { 'x-amz-sso_bearer_token': accessToken, accept: 'application/json' }, service: 'sso' });
        const text = await res.text();
        if (res.status !== 200) {
          throw new ServiceError(
            cleanFailure({ kind: 'credentials', service: 'sso', status: res.status, errorType: res.headers['x-amzn-errortype']?.split(':')[0], message: `IAM Identity Center portal answered ${res.status}: ${text.slice(0, 200)}` }),
          );
        }
        let j: unknown;
        try {
          j = JSON.parse(text);
        } catch {
          throw portalShapeError('an answer that is not JSON');
        }
        const list = (j as Record<string, unknown> | null)?.[listKey] ?? [];
        if (!Array.isArray(list) || list.some((x) => typeof x !== 'object' || x === null)) throw portalShapeError(`a ${listKey} that is not a list of objects`);
        return list as Record<string, unknown>[];
      };
      const accounts = (await get('/assignment/accounts?max_result=100', 'accountList')).slice(0, 100);
      return Promise.all(
        accounts.map(async (a) => {
          if (typeof a.accountId !== 'string' || !ACCOUNT_ID.test(a.accountId)) throw portalShapeError(`an account id that is not 12 digits (${sanitize(String(a.accountId)).slice(0, 40)})`);
          const accountId = a.accountId;
          const roles = (await get(`/assignment/roles?account_id=${encodeURIComponent(accountId)}&max_result=100`, 'roleList')).slice(0, 100).map((r) => r.roleName);
          const bad = roles.find((r) => typeof r !== 'string' || !ROLE_NAME.test(r));
          if (bad !== undefined) throw portalShapeError(`a role name that is not a valid IAM role name (${sanitize(String(bad)).slice(0, 80)})`);
          return { accountId, accountName: sanitize(typeof a.accountName === 'string' ? a.accountName : accountId).slice(0, 200), roles: roles as string[] };
        }),
      );
    },
  };
}
