import { Skiplink, SkiplinkItem } from 'design-react-kit';
import type { MouseEvent } from 'react';
import { useT } from '../i18n/index.tsx';

/** Moves focus to the target (not only scrolls), so the next Tab continues from there. */
function focusTarget(e: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  e.preventDefault();
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView();
}

export function SkipLinks({ withNav }: { withNav: boolean }) {
  const t = useT();
  return (
    <Skiplink nav ariaLabel={t('skip.label')}>
      <SkiplinkItem navItem href="#main-content" onClick={(e: MouseEvent<HTMLAnchorElement>) => focusTarget(e, 'main-content')}>
        {t('skip.main')}
      </SkiplinkItem>
      {withNav && (
        <SkiplinkItem navItem href="#main-nav" onClick={(e: MouseEvent<HTMLAnchorElement>) => focusTarget(e, 'main-nav')}>
          {t('skip.nav')}
        </SkiplinkItem>
      )}
    </Skiplink>
  );
}
