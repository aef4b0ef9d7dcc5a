import { zoneOffsetMs } from '@turnout/contracts';

/**
 * Zone names the tz database renamed, and the name each has now (its `backward` file). Runtimes
 * on older ICU data (Node 20, browsers before 2023) still list only the old spellings, and events
 * and settings saved from them keep those: both show as today's name.
 */
export const LEGACY_TIME_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Macao': 'Asia/Macau',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Ujung_Pandang': 'Asia/Makassar',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Etc/UTC': 'UTC',
  'Etc/UCT': 'UTC',
  'Etc/Universal': 'UTC',
  'Etc/Zulu': 'UTC',
  'Etc/GMT': 'UTC',
  GMT: 'UTC',
  UCT: 'UTC',
  Universal: 'UTC',
  Zulu: 'UTC',
};

/** The old spellings of each current name: "calcutta" still finds Asia/Kolkata. */
const OLD_NAMES = new Map<string, string[]>();
for (const [old, current] of Object.entries(LEGACY_TIME_ZONES)) OLD_NAMES.set(current, [...(OLD_NAMES.get(current) ?? []), old]);

const known = new Map<string, boolean>();
function isKnown(name: string): boolean {
  let answer = known.get(name);
  if (answer === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      answer = true;
    } catch {
      answer = false;
    }
    known.set(name, answer);
  }
  return answer;
}

/** Today's spelling of a zone name (Asia/Calcutta → Asia/Kolkata), when this runtime knows it; any other name as it is. */
export function canonicalTimeZone(name: string): string {
  const current = LEGACY_TIME_ZONES[name];
  return current !== undefined && isKnown(current) ? current : name;
}

/** "UTC+05:30", "UTC-03:00", "UTC+00:00". */
export function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A zone as the picker lists it: its name, its offset from UTC now, and the words a search matches. */
export type TimeZoneOption = {
  name: string;
  offsetMinutes: number;
  /** "UTC+05:30". */
  offset: string;
  /** "UTC+05:30 Asia/Kolkata". */
  label: string;
  /** The name, its old spellings, in lower case with spaces for underscores. */
  words: string;
};

const offsetAt = (name: string, at: number) => Math.round(zoneOffsetMs(at, name) / 60_000);

/** "Asia/Ho Chi Minh": a name as people read it. */
export const zoneName = (name: string): string => name.replaceAll('_', ' ');

function optionFor(name: string, at: number): TimeZoneOption {
  const offsetMinutes = isKnown(name) ? offsetAt(name, at) : 0;
  const offset = formatOffset(offsetMinutes);
  const words = [name, ...(OLD_NAMES.get(name) ?? [])].map((n) => normalize(n)).join(' ');
  return { name, offsetMinutes, offset, label: `${offset} ${zoneName(name)}`, words };
}

let cached: { hour: number; options: TimeZoneOption[] } | undefined;

/**
 * Every zone the runtime knows, by today's names, with their offsets now: sorted by offset, then
 * name. Offsets move with daylight saving, so the list is made again in a new hour.
 */
export function timeZoneOptions(at = Date.now()): TimeZoneOption[] {
  const hour = Math.floor(at / 3_600_000);
  if (cached?.hour === hour) return cached.options;
  const runtime = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const names = new Set(['UTC', ...runtime.map(canonicalTimeZone)]);
  const options = [...names]
    .map((name) => optionFor(name, at))
    .sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.name.localeCompare(b.name));
  cached = { hour, options };
  return options;
}

/** The option of a stored name: a legacy spelling shows as today's, an unknown name as it is. */
export function timeZoneOption(name: string, at = Date.now()): TimeZoneOption {
  const current = canonicalTimeZone(name);
  return timeZoneOptions(at).find((option) => option.name === current) ?? optionFor(current, at);
}

function normalize(text: string): string {
  return text.toLowerCase().replaceAll('_', ' ').replaceAll('−', '-').replace(/\s+/g, ' ').trim();
}

/** "+5:30", "UTC-3", "gmt+05:45": a search for an offset. */
const OFFSET_QUERY = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/;

/**
 * The options a search matches, in their order: by city or region ("kolkata", "new york",
 * "america/"), by an old spelling ("calcutta"), or by offset ("+5:30", "UTC-3": every zone at
 * that offset now; a whole hour alone, "+5", also finds +05:30 and +05:45).
 */
export function searchTimeZones(options: readonly TimeZoneOption[], query: string): TimeZoneOption[] {
  const text = normalize(query);
  if (text === '') return [...options];
  const offset = OFFSET_QUERY.exec(text);
  if (offset) {
    const [, sign, hours, minutes] = offset;
    return options.filter((option) => {
      const abs = Math.abs(option.offsetMinutes);
      const sameSign = option.offsetMinutes === 0 || (sign === '-') === option.offsetMinutes < 0;
      return sameSign && Math.floor(abs / 60) === Number(hours) && (minutes === undefined || abs % 60 === Number(minutes));
    });
  }
  const terms = text.split(' ');
  return options.filter((option) => terms.every((term) => option.words.includes(term)));
}
