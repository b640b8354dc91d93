import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { listBackupFiles } from './job.ts';
import { lastSuccessfulBackupRun, listBackupRuns } from './runs.ts';
import { type BackupSchedule, describeSchedule } from './schedule.ts';
import { type BackupFileView, BackupsPage } from './views/backups-page.tsx';

function periodMs(schedule: BackupSchedule): number {
  return schedule.kind === 'daily' ? 86_400_000 : schedule.minutes * 60_000;
}

/** The installation's backups for administrators: settings, last result, history, files. */
export const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/panel/kopie-zapasowe', access('system.backups'), async (request, reply) => {
    const { backupDir: dir, backupSchedule: schedule, backupKeep: keep } = app.config;
    const [runs, lastOk] = await Promise.all([listBackupRuns(app.db, { limit: 30 }), lastSuccessfulBackupRun(app.db)]);
    const files: BackupFileView[] = [];
    if (dir) {
      for (const name of await listBackupFiles(dir)) {
        const info = await stat(join(dir, name)).catch(() => undefined);
        if (info) files.push({ name, bytes: info.size, modifiedAt: info.mtime });
      }
    }
    const since = lastOk?.startedAt ?? runs.at(-1)?.startedAt;
    const stale = Boolean(dir && since && app.clock().getTime() - since.getTime() > 2 * periodMs(schedule));
    return sendPage(
      reply,
      <BackupsPage
        ctx={pageContext(request, reply)}
        settings={{ dir, schedule: describeSchedule(schedule), keep }}
        runs={runs}
        files={files}
        stale={stale}
      />,
    );
  });
};
