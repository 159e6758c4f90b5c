import type { ReactNode } from 'react';
import { useId } from 'react';

interface Props {
  /** Visible caption, also the accessible name of the scrollable region. */
  caption: ReactNode;
  /** Hide the caption visually (keep it for screen readers). */
  captionHidden?: boolean;
  testId: string;
  children: ReactNode;
  className?: string;
  /** Cap the height and scroll vertically too (long reference tables). */
  maxHeight?: string;
}

/**
 * A bootstrap-italia table in a keyboard-scrollable region: the wrapper is focusable so that
 * keyboard users can scroll it (axe: scrollable-region-focusable) and is named by the caption.
 */
export function ScrollTable({ caption, captionHidden = false, testId, children, className, maxHeight }: Props) {
  const id = useId();
  return (
    <section
      className="table-responsive ponte-table-region"
      aria-labelledby={id}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable so keyboard users can scroll it (WCAG 2.1.1, axe scrollable-region-focusable)
      tabIndex={0}
      style={maxHeight ? { maxHeight, overflowY: 'auto' } : undefined}
    >
      <table className={`table table-hover align-top ${className ?? ''}`} data-testid={testId}>
        <caption id={id} className={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        {children}
      </table>
    </section>
  );
}
