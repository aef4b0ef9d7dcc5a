import styles from './character-count.module.css';

/** The count shows from this share of the limit on: "118/120" says there is little room left. */
const NEAR_LIMIT = 0.8;

/**
 * A field's hint with its count once the text nears `max` ("118/120"); the hint alone before.
 * Past the limit it says how many characters are too many, in the error colour: nothing is cut
 * off, the save is refused until the text is shorter. Crossing the limit is announced (a polite
 * live region), not every key.
 */
export function characterCount(length: number, max: number, hint?: string) {
  if (length < Math.floor(max * NEAR_LIMIT)) return hint;
  const over = length - max;
  return (
    <>
      {hint && `${hint} `}
      <span className={over > 0 ? styles.over : styles.count}>
        {`${length}/${max}`}
        {over > 0 && ` · ${over} ${over === 1 ? 'character' : 'characters'} too many`}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {over > 0 ? `Over the ${max}-character limit.` : ''}
      </span>
    </>
  );
}
