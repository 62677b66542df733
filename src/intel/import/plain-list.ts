// Plain indicator lists: one value per line (any type, detected, defanged or not); # starts a comment.
import { detectObservable, type IndicatorType } from '../observable.ts';
import { emptyFeed, type ParsedFeed } from './feed.ts';

export function parsePlainList(text: string, file: string, source: string, now: number): ParsedFeed {
  const feed = emptyFeed();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    feed.records++;
    const d = detectObservable(line);
    if (!d.ok) {
      feed.bad.push({ file, line: index + 1, reason: `${d.reason}: ${JSON.stringify(line.slice(0, 100))}` });
      return;
    }
    const type: IndicatorType = d.observable.type === 'file' ? 'sha256' : d.observable.type;
    feed.indicators.push({ type, value: d.observable.value, source, firstSeen: now, lastSeen: now });
  });
  return feed;
}
