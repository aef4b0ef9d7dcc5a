import { type DragEvent, useEffect, useState } from 'react';

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, [contenteditable]') !== null);

/** The first file in a paste (a screenshot, an image copied from a page), or null when it is text. */
function fileFromClipboard(data: DataTransfer | null): File | null {
  if (!data) return null;
  if (data.files.length > 0) return data.files[0] ?? null;
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind === 'file') return item.getAsFile();
  }
  return null;
}

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/**
 * Files that reach the page other than through a picker: Ctrl/Cmd+V anywhere outside a text
 * field (where a paste is the field's), and a drop on the element given `dropProps`.
 */
export function useImageInput(take: (file: File | undefined) => void) {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (isEditable(event.target)) return;
      const file = fileFromClipboard(event.clipboardData);
      if (!file) return;
      event.preventDefault();
      take(file);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [take]);

  const dropProps = {
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      event.preventDefault();
      setDragging(false);
      take(event.dataTransfer.files[0]);
    },
  };
  return { dragging, dropProps };
}
