import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from './migrate.ts';

/**
 * Released migrations are never edited: databases in the field have run them already, and drizzle
 * never runs a changed file again (it applies only what is newer than the last migration applied), so an edit would leave those
 * databases different from new ones. A change belongs in a NEW migration (`npm run db:generate`).
 *
 * A new migration passes and this test prints the lines to add for it; add them (the file's
 * SHA-256 and its journal entry) when it lands on main, so that from then on it cannot change.
 */
const released: Record<string, string> = {
  '0000_init.sql': '9839c64025ba3e94dc0f9b2351aefad79f9a2f0f92ea8ee4740fb85595290b5d',
  '0001_accounts.sql': '3f6dfafe99283f27a82c77c1e6acfa5d374a5e8424a154621058e2ecb4ae5878',
  '0002_audit_append_only.sql': '98356613522e23873fd1c9aebc440063896492b74f0be7035aa77cd3dcdd2e9f',
  '0003_outbox.sql': 'a33c892cbeb53bc22013317cdb061ebf42a0d5488d28a3a4e5b2190970178a02',
  '0004_site_and_documents.sql': 'c65502ee009eb388efc24e92b3c47fc4ddb6e0c5e8832e5aa39cfe3bbbf30bfd',
  '0005_site_search.sql': '1e3400181541ca6cc0538343ac96e12bfd2340f40469432d35cd74a20cc7340f',
  '0006_register.sql': '400c174d9de6c9b7ea4cea12be60142f231020e6fd2c5344a8d907aec65afaab',
  '0007_activation.sql': '44e701663620dc6697e885fe4d981d78498ec8a3a3c71fd7f0a8da04476ad4c8',
  '0008_register_imports.sql': '8d5089a5b6a11a609f02409440af5e209c85e90b7a1908151935da85712ecd00',
  '0009_correspondence.sql': '60434018f09fe11d84dc704fa5364f06f057cb8fd73ac529bd0e331b0b1a840a',
  '0010_correspondence_follow_outbox.sql': '41f25961ce0f494658d072a5a3dbb0a1f9ad0a408d26e8ea863773aebde99e86',
  '0011_ledger.sql': '0deba97dcf863b9bea9bb369dc09f15dacd461d77eb91dc5f193f922b2439bd4',
  '0012_ledger_append_only.sql': 'a999be17993b5132d0a9a64ff4205f0e2222dd3abb4bcebd17f95de9dd177883',
  '0013_correspondence_public_scans.sql': 'a2ef81bb061e4870a33e34b74dafe1e069b30736e85421a61f0eae6dc3cc4a4a',
  '0014_temporary_password_use_and_verification_purpose.sql':
    '73a71c72710bd702102f99e222bb886e5f54846595c3a8e8dbed2adc5e9d1c0b',
  '0015_register_import_jobs.sql': '6d3e2c106a70ef9bd992449dc156c3999bf3bcea97505ffeabd0f0a56e692137',
  '0016_ledger_dashboard_indexes.sql': '2f4edfb101b036825a70be4361ccb0b3b788829ffba5294af247feb69205f230',
  '0017_ledger_yearly_totals.sql': 'afc1a969a32484becdfbde6763e3df3ed5dfb7b7b5510c6b9733266687fb0ae6',
  '0018_backup_runs.sql': 'ae165dd663357e0b629c005e6cc94cecc568ed3407b17a68bc849deb993acdd2',
  '0019_personal_letters_fee_changes.sql': 'e653011f25db6ccc2a4733be672ea3682d59f17e6eaa16c4904eff4e70703941',
  '0020_site_generations.sql': '4d0698af7fd7ddb8cfa044f19490fbc2b380e0c8cae0dd8db15c843f14b7b63c',
  '0021_bank_statements.sql': 'b2720e543237f0073f4420e68547d91fc03d89b3f50ef5881f291014e4751dd6',
  '0022_requests_threads.sql': '47d8e81fed2ae69015a5cc23e8cdd61398296cbaf802290b915dec7d36d4a699',
  '0023_media_meters_readings.sql': '2e64d241132f42c5fee4d5573791c65889a9f1dd35b21574305f41e321a9e743',
  '0024_ledger_debt.sql': '6cd672343dc71ca387e346fc41ab61f7986cad5868fb89f1a1ce5bd265064629',
  '0025_requests_speed.sql': '1d93e7c8322feadfc4f3664208f424fe618d5ad0e304a83e37ee3c5041003a70',
  '0026_bank_speed.sql': 'f2bb7990066a2621bd1732b496a9b40346dcc681b52a639b20ac218c0da71145',
  '0027_fee_notices.sql': '97423d347a70964956be6bd139d0ccedeb46b36998d2adac7162c5eacd461d23',
  '0028_media_heating.sql': '688f763abd82001cb5a111b0c242d2631326cac11bff0c772894007d8aa5c7ee',
  '0029_fee_changes_contests.sql': '39d5adcb53a12c7c48fae7c2a56a219086043cbfa179a60b4f5343e19a558853',
  '0030_bank_setwise_and_jobs.sql': 'ac42d7f7aa7743e4d4531ecbd7e84acc6e84add34bca9e4c556292435810ab89',
  '0031_reminders.sql': 'cf7877f40860bc4ed4386396546f24883b81fe6277608c3d443b0a220b36d4b0',
  '0032_media_settlement_batches.sql': 'd61a9710721ecdcfafe62086da5d3bc8e4b76b3ad17641c2e861f5c904df6f04',
  '0033_correspondence_letter_templates.sql': '032c5e485202a57e9c739ba4cb4ae09ecaed1c0a964fab65b330674e6bb4c1f8',
  '0034_media_hot_water_advances.sql': '873e927a2fd3a84f42a6f8d4eb1d02b413141031bf21b61dd8c70731ae1912f6',
  '0035_ledger_period_debits.sql': '39aef3389b255cab54ec6d8e80d9e7c27c5d652e666046ac7ca3e369ae677f9c',
  '0036_ledger_payment_import_staging.sql': '243d11d38140e4c54e847c4cfb4ccb2007df8387f7dcd80b01b0c1514550c7ad',
  '0037_ledger_deferred_totals.sql': '6a3d7cc7f7c8b999c0334e5ad828a521ebd12c0b4d885d7776dee1ef857bb034',
  '0038_bank_import_speed.sql': '4ce6d305eb06082276ee4b0409dddc2dee51d82a242da30dd1073620b524c72e',
  '0039_bank_entry_key_bytewise.sql': '36b9d67eb5b07e4032ba29077b4b126b9f495486588fbc360bdebd62a4d21bd8',
};

/** The journal entries of the released migrations: [tag, when]. */
const journal: [string, number][] = [
  ['0000_init', 1795623328864],
  ['0001_accounts', 1795624088575],
  ['0002_audit_append_only', 1795624089373],
  ['0003_outbox', 1795625232152],
  ['0004_site_and_documents', 1795626871897],
  ['0005_site_search', 1795626874119],
  ['0006_register', 1795627450557],
  ['0007_activation', 1795627779024],
  ['0008_register_imports', 1795629206158],
  ['0009_correspondence', 1795629610727],
  ['0010_correspondence_follow_outbox', 1795629611970],
  ['0011_ledger', 1795630609373],
  ['0012_ledger_append_only', 1795630610398],
  ['0013_correspondence_public_scans', 1796219473612],
  ['0014_temporary_password_use_and_verification_purpose', 1796222935505],
  ['0015_register_import_jobs', 1796223172999],
  ['0016_ledger_dashboard_indexes', 1796228971259],
  ['0017_ledger_yearly_totals', 1796229626702],
  ['0018_backup_runs', 1796560076123],
  ['0019_personal_letters_fee_changes', 1796568419749],
  ['0020_site_generations', 1796570863690],
  ['0021_bank_statements', 1796570977305],
  ['0022_requests_threads', 1796571333306],
  ['0023_media_meters_readings', 1796571682602],
  ['0024_ledger_debt', 1796572114023],
  ['0025_requests_speed', 1796573456208],
  ['0026_bank_speed', 1796573459558],
  ['0027_fee_notices', 1796573466653],
  ['0028_media_heating', 1796573490828],
  ['0029_fee_changes_contests', 1796576939139],
  ['0030_bank_setwise_and_jobs', 1796582265725],
  ['0031_reminders', 1796582329699],
  ['0032_media_settlement_batches', 1796582530264],
  ['0033_correspondence_letter_templates', 1796582552516],
  ['0034_media_hot_water_advances', 1796583356152],
  ['0035_ledger_period_debits', 1796588734185],
  ['0036_ledger_payment_import_staging', 1796593542915],
  ['0037_ledger_deferred_totals', 1796597800975],
  ['0038_bank_import_speed', 1796607977815],
  ['0039_bank_entry_key_bytewise', 1796616327204],
];

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('released migrations', () => {
  const files = readdirSync(migrationsFolder)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  const entries = (
    JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { idx: number; tag: string; when: number; breakpoints: boolean }[];
    }
  ).entries;

  it('are all still there, each file unchanged', () => {
    for (const [name, checksum] of Object.entries(released)) {
      expect(files, `released migration ${name} is missing: never delete or rename one`).toContain(name);
      expect(
        sha256(join(migrationsFolder, name)),
        `released migration ${name} was edited: restore it and put the change in a new migration`,
      ).toBe(checksum);
    }
  });

  it('have their journal entries unchanged, in order', () => {
    for (const [index, [tag, when]] of journal.entries()) {
      const entry = entries[index];
      expect(entry?.tag, `journal entry ${index} must stay ${tag}`).toBe(tag);
      expect(entry?.when, `journal entry ${tag} must keep its timestamp (drizzle orders by it)`).toBe(when);
      expect(entry?.breakpoints).toBe(true);
    }
  });

  it('may be followed by new migrations, which this test asks to be pinned once they land', () => {
    const unknown = files.filter((name) => !(name in released));
    if (unknown.length > 0) {
      const lines = unknown.map((name) => `  '${name}': '${sha256(join(migrationsFolder, name))}',`).join('\n');
      console.warn(
        `New migration(s) not yet pinned. When they land on main, add to \`released\` in src/db/migrations.test.ts:\n${lines}\nand their [tag, when] to \`journal\`; from then on they must never change.`,
      );
    }
    expect(entries.map((entry) => entry.tag)).toEqual(files.map((name) => name.replace(/\.sql$/, '')));
    // Every new entry comes after the released ones: drizzle applies what is newer than the last applied.
    const lastReleased = journal.at(-1)?.[1] ?? 0;
    for (const entry of entries.slice(journal.length)) expect(entry.when).toBeGreaterThan(lastReleased);
  });
});
