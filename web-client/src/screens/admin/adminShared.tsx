import { useState } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UserError } from '../../api/errors';
import { useSession } from '../../api/SessionContext';
import { adminPages } from '../../api/session';

/** What an admin action answered, shown above the page until dismissed. */
export type Notice = { kind: 'ok' | 'error'; text: string };

export function errorText(errors: Pick<UserError, 'message' | 'code'>[]): string {
  return errors.map((e) => `${e.message} (${e.code})`).join(' ');
}

/** The refused inputs of one field: a payload error's path ends with the field's name (`["input","password"]`). */
export function errorsOf(errors: UserError[], field: string): UserError[] {
  return errors.filter((e) => e.field[e.field.length - 1] === field);
}

/** The refused inputs that belong to none of the form's fields. */
export function otherErrors(errors: UserError[], fields: string[]): UserError[] {
  return errors.filter((e) => !fields.includes(e.field[e.field.length - 1]));
}

/** A field's refusals, next to the field; `id` is what the field's aria-describedby names. */
export function FieldErrors({ id, errors }: { id: string; errors: UserError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) {
    return null;
  }
  return (
    <span id={id} className="field-error" role="alert">
      {errors.map((e) => `${t(`adminError.${e.code}`, { defaultValue: e.message })} (${e.code})`).join(' ')}
    </span>
  );
}

/**
 * A form's refusals field by field: `described(field)` ties the input to them (aria-invalid,
 * aria-describedby) and `fieldErrors(field)` shows them next to it, under ids `<prefix>-<field>-error`.
 */
export function formErrors(prefix: string, errors: UserError[]) {
  return {
    described: (field: string) => {
      const has = errorsOf(errors, field).length > 0;
      return { 'aria-invalid': has, 'aria-describedby': has ? `${prefix}-${field}-error` : undefined };
    },
    fieldErrors: (field: string) => <FieldErrors id={`${prefix}-${field}-error`} errors={errorsOf(errors, field)} />,
  };
}

/** The dismissable notice of the admin pages. */
export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (!notice) {
    return null;
  }
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      {notice.text}
      <button type="button" className="button button-quiet" onClick={onDismiss} aria-label={t('common.dismiss')}>×</button>
    </div>
  );
}

/** The sub-navigation between the admin pages the viewer may open. */
export function AdminTabs() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const pages = adminPages(viewer);
  if (pages.length < 2) {
    return null;
  }
  return (
    <nav className="sub-nav" aria-label={t('admin.pagesLabel')}>
      {pages.map((page) => (
        <NavLink key={page} to={`/admin/${page}`}>{t(`admin.page.${page}`)}</NavLink>
      ))}
    </nav>
  );
}

/**
 * A secret the hub shows this once (an API key, a webhook's signing secret): a clear warning, the
 * value selectable in a read-only field, and a copy button.
 */
export function SecretOnce({ title, warning, value, onClose }: { title: string; warning: string; value: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <section className="panel secret-once" aria-labelledby="secret-once-title" data-testid="secret-once">
      <h2 id="secret-once-title">{title}</h2>
      <p className="secret-warning" role="alert"><strong>{t('admin.shownOnce')}</strong> {warning}</p>
      <div className="inline-form">
        <label htmlFor="secret-once-value" className="visually-hidden">{title}</label>
        <input id="secret-once-value" className="secret-value" readOnly value={value} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button-primary" onClick={() => void copy()}>{t('admin.copy')}</button>
      </div>
      <p className="small muted" role="status">
        {copied === 'yes' ? t('admin.copied') : copied === 'no' ? t('admin.copyFailed') : ''}
      </p>
      <button type="button" className="button" onClick={onClose}>{t('admin.secretStored')}</button>
    </section>
  );
}
