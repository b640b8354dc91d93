import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate } from '../../../lib/format.ts';
import type { MemberLedgerUnit } from '../member.ts';

const unitPages = [
  ['', 'Operacje'],
  ['/saldo', 'Saldo na dzień'],
  ['/oplaty', 'Opłaty'],
  ['/media', 'Rozliczenia mediów'],
  ['/naleznosci', 'Należności z innych tytułów'],
  ['/zestawienie', 'Zestawienie (PDF, CSV)'],
  ['/zaswiadczenie', 'Zaświadczenie o niezaleganiu'],
] as const;

/**
 * The pages of one unit's finances. Where several units' menus share a page (the start page of a
 * member with two units), `unitLabel` names the unit so each landmark has its own name.
 */
export function UnitNav({ unitId, current, unitLabel }: { unitId: number; current?: string; unitLabel?: string }) {
  return (
    <nav class="unit-nav" aria-label={unitLabel ? `Finanse lokalu ${unitLabel}` : 'Finanse lokalu'}>
      <ul>
        {unitPages.map(([suffix, label]) => {
          const href = `/ebok/finanse/${unitId}${suffix}`;
          return (
            <li key={suffix}>
              <a href={href} aria-current={current === href ? 'page' : undefined}>
                {label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** A page of one unit's finances: the member's window and the unit's menu above the content. */
export function UnitPage({
  ctx,
  unit,
  title,
  children,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <PortalLayout ctx={ctx} title={`${title} — lokal ${unit.label}`}>
      <p class="breadcrumbs">
        <a href="/ebok">Pulpit</a> › Lokal {unit.label}
      </p>
      <h1>
        {title} <span class="meta">— lokal {unit.label}</span>
      </h1>
      <p class="meta">
        Widzisz dane od {unit.window.from ? formatCalendarDate(unit.window.from) : 'bilansu otwarcia'}
        {unit.window.lastDay ? ` do ${formatCalendarDate(unit.window.lastDay)}` : ''} — okres Twojego tytułu do lokalu.
      </p>
      <UnitNav unitId={unit.unitId} current={ctx.path} />
      {children}
    </PortalLayout>
  );
}
