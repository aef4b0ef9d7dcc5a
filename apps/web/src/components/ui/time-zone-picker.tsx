import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { searchTimeZones, type TimeZoneOption, timeZoneOption, timeZoneOptions, zoneName } from '../../lib/time-zones';
import type { ControlProps } from './field';
import fieldStyles from './field.module.css';
import { CheckIcon, ChevronDownIcon } from './icons';
import styles from './time-zone-picker.module.css';

type TimeZonePickerProps = ControlProps & {
  /** The zone chosen, as stored: an old spelling (Asia/Calcutta) shows as today's (Asia/Kolkata). */
  value: string;
  onChange: (timeZone: string) => void;
};

/** Moves of the active option per key; Page Up and Page Down jump ten. */
const STEPS: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };

/**
 * A searchable time-zone field, inside a Field: the WAI-ARIA editable combobox with list
 * autocomplete (APG "combobox" pattern). Typing filters the zones by city, region, old spelling
 * or offset; Down and Up open the list and move through it, Enter picks, Escape closes it and puts
 * the chosen zone back. Every zone shows its offset from UTC now, and the list is in offset order.
 */
export function TimeZonePicker({ id, className, value, onChange, ...aria }: TimeZonePickerProps) {
  const listId = `${id}-zones`;
  const options = useMemo(() => timeZoneOptions(), []);
  const chosen = timeZoneOption(value);
  const [open, setOpen] = useState(false);
  // What the user typed; null while they are not searching, and the field shows the chosen zone.
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => (query === null ? options : searchTimeZones(options, query)), [options, query]);
  const optionId = (index: number) => `${id}-zone-${index}`;

  useEffect(() => {
    if (!open || active < 0) return;
    listRef.current?.querySelector(`[id="${optionId(active)}"]`)?.scrollIntoView?.({ block: 'nearest' });
  });

  // The list opens on the zone already chosen.
  const show = () => {
    setOpen(true);
    setActive(
      Math.max(
        0,
        shown.findIndex((option) => option.name === chosen.name),
      ),
    );
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
    setActive(-1);
  };
  const choose = (option: TimeZoneOption) => {
    close();
    onChange(option.name);
  };

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const step = STEPS[event.key];
    if (step !== undefined) {
      event.preventDefault();
      if (!open) return show();
      if (event.altKey && event.key === 'ArrowUp') return close();
      if (!event.altKey) setActive((index) => Math.min(shown.length - 1, Math.max(0, index + step)));
    } else if (event.key === 'Enter' && open) {
      // Enter picks from an open list; on a closed one it submits the form, as in any field.
      event.preventDefault();
      const option = shown[active];
      if (option) choose(option);
    } else if (event.key === 'Escape' && (open || query !== null)) {
      // Handled here: a dialog around the field stays open.
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  }

  const expanded = open && shown.length > 0;
  const count = shown.length === 1 ? '1 time zone' : `${shown.length} time zones`;
  return (
    <div className={styles.picker}>
      <input
        id={id}
        className={`${className ?? fieldStyles.control} ${styles.input}`}
        {...aria}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && shown[active] ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query ?? chosen.label}
        onChange={(event) => {
          const next = event.target.value;
          const matches = searchTimeZones(options, next);
          setQuery(next);
          setOpen(true);
          setActive(matches.length > 0 ? 0 : -1);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => (open ? undefined : show())}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className={styles.toggle}
        tabIndex={-1}
        aria-label="Show time zones"
        aria-controls={listId}
        aria-expanded={expanded}
        // Keeps the focus in the field, which owns the keyboard.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          document.getElementById(id)?.focus();
          if (open) close();
          else show();
        }}
      >
        <ChevronDownIcon />
      </button>
      <div
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label="Time zones"
        className={styles.list}
        hidden={!expanded}
        // A press on the list (its scroll bar too) must not take the focus from the field, which would close it.
        onMouseDown={(event) => event.preventDefault()}
      >
        {expanded &&
          shown.map((option, index) => (
            // The field owns the keyboard (aria-activedescendant): an option only takes the pointer.
            // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the combobox input keeps the focus and the keys
            <div
              key={option.name}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={`${styles.option} ${index === active ? styles.active : ''}`}
              onMouseMove={() => setActive(index)}
              onClick={() => choose(option)}
            >
              <span className={styles.offset}>{option.offset}</span> <span className={styles.name}>{zoneName(option.name)}</span>
              {option.name === chosen.name && (
                <span className={styles.check}>
                  <CheckIcon />
                  <span className="visually-hidden">, chosen</span>
                </span>
              )}
            </div>
          ))}
      </div>
      <span role="status" className="visually-hidden">
        {open && query !== null ? (shown.length === 0 ? 'No time zone matches.' : count) : ''}
      </span>
      {open && shown.length === 0 && (
        <p className={styles.empty}>No time zone matches “{query}”. Try a city, or an offset such as +5:30.</p>
      )}
    </div>
  );
}
