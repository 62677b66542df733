// Reading alerts: the channel lists with filters and paging, one alert with the events that raised it.
import type { EventStore } from '../store/store.ts';
import { rowToEvent } from '../store/event-rows.ts';
import { containsText } from '../store/like.ts';
import { presentAlert, type AlertView } from './alert-presenter.ts';

export const CHANNELS = ['main', 'investigation', 'closed'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface AlertFilter {
  channel?: Channel;
  severity?: string;
  type?: string;
  /** Rule code (SOC119) or rule name. */
  rule?: string;
  owner?: string;
  from?: number;
  to?: number;
  /** Free text over the rule name and the alert's field values. */
  text?: string;
  limit?: number;
  offset?: number;
}

export async function listAlerts(store: EventStore, filter: AlertFilter = {}): Promise<{ alerts: AlertView[]; total: number }> {
  let query = store.db.selectFrom('alerts');
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.severity) query = query.where('severity', '=', filter.severity);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.rule) {
    const rule = filter.rule;
    query = query.where((eb) => eb.or([eb('rule_code', '=', rule), eb('rule_name', '=', rule)]));
  }
  if (filter.owner) query = query.where('owner', '=', filter.owner);
  if (filter.from !== undefined) query = query.where('event_time', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('event_time', '<', filter.to);
  if (filter.text) {
    const text = filter.text;
    query = query.where((eb) => eb.or([containsText('rule_name', text), containsText('fields', text)]));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('event_time', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0)
    .execute();
  return { alerts: rows.map(presentAlert), total };
}

export async function getAlert(store: EventStore, eventId: number): Promise<(AlertView & { events: ReturnType<typeof rowToEvent>[] }) | undefined> {
  const row = await store.db.selectFrom('alerts').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!row) return undefined;
  const events = await store.db
    .selectFrom('alert_events')
    .innerJoin('events', 'events.id', 'alert_events.event_id')
    .selectAll('events')
    .where('alert_events.alert_id', '=', eventId)
    .orderBy('events.ts')
    .limit(1000)
    .execute();
  return { ...presentAlert(row), events: events.map(rowToEvent) };
}
