/**
 * The Supabase client of the SPA: `@supabase/supabase-js` from the installed package (served by the
 * app origin at /vendor/supabase-js.js, never a CDN), created once, on first use — the landing page
 * never loads it. The project URL and the anon key come from the HTML shell, as a Vercel build
 * inlines NEXT_PUBLIC_SUPABASE_URL / NEXT_PUBLIC_SUPABASE_ANON_KEY. The session lives where supabase-js
 * keeps it: localStorage, `sb-<ref>-auth-token` (`sb-127-auth-token` for http://127.0.0.1:54321).
 */

let client = null;

/** The client (a promise: the library loads on first use). */
export function supabase() {
  client ??= import('/vendor/supabase-js.js').then(({ createClient }) => {
    const config = window.__VIAMENTOR_SUPABASE__ ?? {};
    return createClient(config.url, config.anonKey, {
      auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
    });
  });
  return client;
}
