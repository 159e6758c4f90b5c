import { Alert, Badge, Button, Card, CardBody } from 'design-react-kit';
import { useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { SiteEditForm } from './SiteEditForm.tsx';
import type { EditableSite } from './siteEditing.ts';

interface Props {
  site: EditableSite;
  jobCentreId: string;
  /** The manager of the centre and the agency administration may edit the site. */
  editable: boolean;
  /** Read the job centre again (after a save or a conflict). */
  onRefresh: () => void;
  /** Told when the form opens or closes (the page widens the card while editing). */
  onEditingChange?: (editing: boolean) => void;
}

/** One site of a job centre; with "Modifica" for who may edit it (the card then holds the form). */
export function SiteCard({ site, jobCentreId, editable, onRefresh, onEditingChange }: Props) {
  const { t, tx } = useI18n();
  const [editing, setEditingState] = useState(false);
  const setEditing = (next: boolean) => {
    setEditingState(next);
    onEditingChange?.(next);
  };
  const [saved, setSaved] = useState<{ site: EditableSite; fields: string[] } | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);

  // Until the page has read the centre again, show what was just saved.
  const s = saved && saved.site.version > site.version ? saved.site : site;

  const onSaved = (next: EditableSite, fields: string[]) => {
    setSaved({ site: next, fields });
    setEditing(false);
    onRefresh();
    requestAnimationFrame(() => savedRef.current?.focus());
  };

  const onCancel = () => {
    setEditing(false);
    requestAnimationFrame(() => editRef.current?.focus());
  };

  return (
    <Card className="shadow-sm rounded h-100" tag="article" data-site-id={site.id} testId="site-card">
      <CardBody className="p-3">
        <h3 className="h5 mb-2">{s.name}</h3>
        <Badge color={s.kind === 'main' ? 'primary' : 'secondary'} className="mb-2">
          {s.kind === 'main' ? t('jc.siteMain') : t('jc.siteDesk')}
        </Badge>

        {saved && !editing && (
          <div ref={savedRef} tabIndex={-1} className="ponte-focus-target">
            <Alert color="success" fade={false} testId="site-saved" role="status">
              <p className="fw-semibold mb-0">{t('site.saved')}</p>
              {saved.fields.length > 0 && (
                <p className="mb-0">{t('site.savedFields', { fields: saved.fields.map((f) => tx(`site.field.${f}`, f)).join(', ') })}</p>
              )}
            </Alert>
          </div>
        )}

        {editing ? (
          <SiteEditForm site={s} jobCentreId={jobCentreId} onCancel={onCancel} onSaved={onSaved} onRefresh={onRefresh} />
        ) : (
          <>
            <dl className="mb-0 ponte-dl" data-testid="site-details">
              <dt>{t('field.address')}</dt>
              <dd data-field="address">{[s.address, s.municipalityName].filter(Boolean).join(', ') || t('common.none')}</dd>
              {s.phone && (
                <>
                  <dt>{t('field.phone')}</dt>
                  <dd data-field="phone">{s.phone}</dd>
                </>
              )}
              {s.email && (
                <>
                  <dt>{t('field.email')}</dt>
                  <dd data-field="email">
                    <a href={`mailto:${s.email}`}>{s.email}</a>
                  </dd>
                </>
              )}
              {s.openingHours && (
                <>
                  <dt>{t('jc.hoursLabel')}</dt>
                  <dd data-field="openingHours">{s.openingHours}</dd>
                </>
              )}
            </dl>
            {editable && (
              <Button
                color="primary"
                outline
                size="sm"
                type="button"
                className="mt-2"
                innerRef={editRef}
                onClick={() => {
                  setSaved(null);
                  setEditing(true);
                }}
              >
                {t('site.edit')}
                <span className="visually-hidden"> {t('site.editHidden', { name: s.name })}</span>
              </Button>
            )}
          </>
        )}
      </CardBody>
    </Card>
  );
}
