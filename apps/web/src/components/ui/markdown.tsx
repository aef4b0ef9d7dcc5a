import { useEffect, useMemo, useState } from 'react';
import { loadedMarkdown, loadMarkdown, type RenderMarkdown } from '../../lib/markdown';
import styles from './markdown.module.css';

type MarkdownProps = { source: string; className?: string | undefined };

/**
 * A description written in Markdown, rendered sanitised (lib/markdown.ts). Until the renderer has
 * loaded, the text itself is shown with its line breaks, so nothing is hidden while it loads.
 */
export function Markdown({ source, className }: MarkdownProps) {
  const [render, setRender] = useState<RenderMarkdown | undefined>(loadedMarkdown);
  useEffect(() => {
    if (render) return;
    let live = true;
    loadMarkdown().then(
      (loaded) => live && setRender(() => loaded),
      // Offline or a stale deploy: the plain text stays, which says everything the Markdown does.
      () => {},
    );
    return () => {
      live = false;
    };
  }, [render]);
  const html = useMemo(() => render?.(source), [render, source]);
  const classes = [styles.markdown, className].filter(Boolean).join(' ');
  if (html === undefined) return <div className={`${classes} ${styles.plain}`}>{source}</div>;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is DOMPurify's output with an allow-list (lib/markdown.ts)
  return <div className={classes} dangerouslySetInnerHTML={{ __html: html }} />;
}
