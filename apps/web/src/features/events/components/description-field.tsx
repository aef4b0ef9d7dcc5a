import { EVENT_DESCRIPTION_MAX } from '@turnout/contracts';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { characterCount } from '../../../components/ui/character-count';
import { Field } from '../../../components/ui/field';
import { Markdown } from '../../../components/ui/markdown';
import { loadMarkdown } from '../../../lib/markdown';
import styles from './description-field.module.css';

type Mode = 'write' | 'preview';
const MODES: readonly { mode: Mode; label: string }[] = [
  { mode: 'write', label: 'Write' },
  { mode: 'preview', label: 'Preview' },
];

type DescriptionFieldProps = {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
};

export const MARKDOWN_HINT = 'Markdown: **bold**, *italic*, [link](https://…), lists. Optional.';

/**
 * The description in Markdown, with a Write / Preview switch built as ARIA tabs: arrow keys,
 * Home and End move between the two, and the preview is exactly what the event page renders.
 */
export function DescriptionField({ value, onChange, error }: DescriptionFieldProps) {
  const [mode, setMode] = useState<Mode>('write');
  const id = useId();
  const tabs = useRef<Record<Mode, HTMLButtonElement | null>>({ write: null, preview: null });
  // A refused description is fixed where it is written.
  useEffect(() => {
    if (error) setMode('write');
  }, [error]);
  const preload = () => void loadMarkdown().catch(() => {});

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const next: Mode | undefined = {
      ArrowLeft: 'write',
      ArrowRight: 'preview',
      Home: 'write',
      End: 'preview',
    }[event.key] as Mode | undefined;
    if (!next) return;
    event.preventDefault();
    setMode(next);
    tabs.current[next]?.focus();
  };

  return (
    <Field label="Description" error={error} hint={characterCount(value.length, EVENT_DESCRIPTION_MAX, MARKDOWN_HINT)}>
      {(props) => (
        <div className={styles.editor}>
          <div role="tablist" aria-label="Write or preview the description" className={styles.tabs}>
            {MODES.map((tab) => (
              <button
                key={tab.mode}
                ref={(element) => {
                  tabs.current[tab.mode] = element;
                }}
                type="button"
                role="tab"
                id={`${id}-${tab.mode}-tab`}
                aria-selected={mode === tab.mode}
                aria-controls={`${id}-${tab.mode}`}
                tabIndex={mode === tab.mode ? 0 : -1}
                className={styles.tab}
                onClick={() => setMode(tab.mode)}
                onKeyDown={onKeyDown}
                onPointerEnter={tab.mode === 'preview' ? preload : undefined}
                onFocus={tab.mode === 'preview' ? preload : undefined}
              >
                {tab.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${id}-write`} aria-labelledby={`${id}-write-tab`} hidden={mode !== 'write'}>
            <textarea {...props} value={value} onChange={(event) => onChange(event.target.value)} rows={6} />
          </div>
          <div
            role="tabpanel"
            id={`${id}-preview`}
            aria-labelledby={`${id}-preview-tab`}
            hidden={mode !== 'preview'}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel takes focus itself when it may hold nothing focusable (APG tabs pattern)
            tabIndex={0}
            className={styles.preview}
          >
            {mode === 'preview' && (value.trim() ? <Markdown source={value} /> : <p className={styles.empty}>Nothing to preview yet.</p>)}
          </div>
        </div>
      )}
    </Field>
  );
}
