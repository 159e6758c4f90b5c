import { Breadcrumb, BreadcrumbItem } from 'design-react-kit';
import { Link } from 'react-router-dom';

export interface Crumb {
  label: string;
  to?: string;
}

/** Breadcrumb trail; the last item is the current page. */
export function PageBreadcrumb({ items, label }: { items: Crumb[]; label: string }) {
  return (
    <Breadcrumb aria-label={label} className="mb-2">
      {items.map((c, i) => {
        const last = i === items.length - 1;
        return (
          <BreadcrumbItem key={c.to ?? c.label} active={last} aria-current={last ? 'page' : undefined}>
            {c.to && !last ? <Link to={c.to}>{c.label}</Link> : c.label}
            {!last && <span className="separator">/</span>}
          </BreadcrumbItem>
        );
      })}
    </Breadcrumb>
  );
}
