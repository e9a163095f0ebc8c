import { useTranslation } from 'react-i18next';

/** Formatting of dates and numbers in the interface's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'ko-KR';
  return {
    locale,
    dateTime: (value: string | null | undefined) =>
      value ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : '',
    date: (value: string | null | undefined) =>
      value ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(value)) : '',
    number: (value: number | null | undefined) => (value == null ? '' : new Intl.NumberFormat(locale).format(value)),
    /** "3 minutes ago", or a date when older than a day. */
    relative: (value: string | null | undefined, now = Date.now()) => {
      if (!value) {
        return '';
      }
      const seconds = Math.round((new Date(value).getTime() - now) / 1000);
      const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      if (Math.abs(seconds) < 60) {
        return format.format(seconds, 'second');
      }
      if (Math.abs(seconds) < 3600) {
        return format.format(Math.round(seconds / 60), 'minute');
      }
      if (Math.abs(seconds) < 86400) {
        return format.format(Math.round(seconds / 3600), 'hour');
      }
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(value));
    },
  };
}

/** The name of a district or agency in the interface's language. */
export function useLocalName() {
  const { i18n } = useTranslation();
  return (node: { name: string; nameEn?: string | null } | null | undefined) =>
    !node ? '' : i18n.language === 'en' && node.nameEn ? node.nameEn : node.name;
}
