/** A GraphQL client as an integrator would write one: fetch, JSON, headers. */
export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  raw: string;
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const raw = await res.text();
  let body: { data?: T | null; errors?: GqlResponse['errors'] } = {};
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    body = {};
  }
  return { status: res.status, headers: res.headers, raw, ...body };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function signIn(url: string, email: string, password = 'nexus-demo-password') {
  const res = await gql<{ login: { accessToken: string; refreshToken: string; user: { id: string; role: string } } }>(
    url,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id role } } }',
    { e: email, p: password },
  );
  if (!res.data?.login) throw new Error(`sign-in failed for ${email}: ${res.raw}`);
  return res.data.login;
}

export const codes = (r: GqlResponse) => (r.errors ?? []).map((e) => e.extensions?.code);
