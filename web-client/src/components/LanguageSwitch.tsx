import { useTranslation } from 'react-i18next';

/** Switches between Korean and English; the button names the other language in itself. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'ko' : 'en';
  return (
    <button type="button" className="button button-quiet language-switch" lang={other}
      aria-label={t('language.switchTo')} onClick={() => void i18n.changeLanguage(other)}>
      {t(`language.name.${other}`)}
    </button>
  );
}
