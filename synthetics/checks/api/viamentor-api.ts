/**
 * The bundled reference app's private REST API (`/api/*`): test-data arrangement, cleanup and the
 * janitor against that app until it speaks PostgREST. A Supabase-backed target goes through
 * supabase-session.ts instead; this file goes when the reference app's Supabase origin lands.
 */
import type { RecordKind, TaggedRow } from './synthetic-records.ts';

export type { RecordKind };
export type Student = TaggedRow & { id: number; first_name: string; last_name: string; email: string; phone: string };

/** An API call that answered something other than what the suite needed. */
export class TargetApiError extends Error {
  override name = 'TargetApiError';
}

export interface ApiOptions {
  baseUrl: string;
  email: string;
  password: string;
  extraHeaders?: Record<string, string>;
  timeoutMs?: number;
}

/** A signed-in API session of the synthetic user. */
export class ViamentorApi {
  readonly #options: ApiOptions;
  readonly #token: string;

  private constructor(options: ApiOptions, token: string) {
    this.#options = options;
    this.#token = token;
  }

  /** Signs in with the synthetic user's credentials (the password never leaves this call). */
  static async signIn(options: ApiOptions): Promise<ViamentorApi> {
    const response = await fetch(`${options.baseUrl}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.extraHeaders },
      body: JSON.stringify({ email: options.email, password: options.password }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    if (!response.ok) {
      throw new TargetApiError(
        `sign-in of the synthetic user answered ${response.status}; check SYNTHETIC_EMAIL/SYNTHETIC_PASSWORD`,
      );
    }
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new TargetApiError('sign-in answered without an access token');
    return new ViamentorApi(options, body.access_token);
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.#options.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.#token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.#options.extraHeaders,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.#options.timeoutMs ?? 15_000),
    });
    if (!response.ok) throw new TargetApiError(`${method} ${path} answered ${response.status}`);
    return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  }

  /** The e-mail of the signed-in user (`GET /auth/v1/user`): the janitor checks it is the synthetic one. */
  async currentUserEmail(): Promise<string | undefined> {
    return (await this.#call<{ email?: string }>('GET', '/auth/v1/user')).email;
  }

  /** Records whose searchable text (student names, lesson/invoice notes) contains `text`. */
  search(kind: 'students', text: string): Promise<Student[]>;
  search(kind: RecordKind, text: string): Promise<TaggedRow[]>;
  search(kind: RecordKind, text: string): Promise<TaggedRow[]> {
    const status = kind === 'lessons' ? '&status=all' : '';
    return this.#call('GET', `/api/${kind}?q=${encodeURIComponent(text)}${status}`);
  }

  /** Deletes one record; the private API answers 404 unless it removed it, so success is one row. */
  async delete(kind: RecordKind, id: TaggedRow['id']): Promise<number> {
    await this.#call('DELETE', `/api/${kind}/${id}`);
    return 1;
  }

  createStudent(student: { first_name: string; last_name: string; email: string; phone: string }): Promise<Student> {
    return this.#call('POST', '/api/students', student);
  }

  /** Ends the API session (revokes the token). */
  signOut(): Promise<void> {
    return this.#call('POST', '/auth/v1/logout');
  }
}
