/**
 * `GET /api/dashboard`: the three numbers a driving-school manager looks at first, and the next
 * lessons, in one request so that the landing page after sign-in stays fast.
 */
import { zurichWallTime } from './clock.ts';
import { int } from './db.ts';
import { selectLessons } from './lesson-store.ts';
import type { Route } from './router.ts';
import { apiRoute, type Services } from './services.ts';

/** The dashboard route. */
export function dashboardRoutes(services: Services): Route[] {
  const { db } = services;
  return [
    apiRoute(services, 'GET', '/api/dashboard', (_ctx, user) => {
      const count = (sql: string) => int(db.prepare(sql).get(user.tenantId) ?? {}, 'n');
      const upcoming = selectLessons(db, user.tenantId, { status: 'booked', from: zurichWallTime() });
      return {
        status: 200,
        body: {
          students: count('SELECT count(*) AS n FROM students WHERE tenant_id = ?'),
          upcoming_lessons: upcoming.length,
          open_invoices: count("SELECT count(*) AS n FROM invoices WHERE tenant_id = ? AND status = 'open'"),
          next_lessons: upcoming.slice(0, 5),
        },
      };
    }),
  ];
}
