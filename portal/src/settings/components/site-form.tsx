import { useState } from 'preact/hooks';
import { LOCALES, ZBusinessHours, ZSiteBody, type TLauncherPosition, type TLocale, type TRoutingRules, type TSite, type TTeam } from '@kefu/shared';
import { api } from '../../api/kefu-api';
import { useI18n } from '../../i18n/i18n-context';
import { describedBy, Field } from '../../ui/field';
import { IdentitySecretField } from '../../customers/identity-secret-field';
import { Modal } from '../../ui/modal';
import { issuesToFieldErrors, saveErrorToFieldErrors, type TFieldErrors } from '../form-errors';
import { SiteRoutingFields } from '../../admin/site-routing-fields';
import { BusinessHoursEditor, fitsSimpleForm, fromSimpleHours, toSimpleHours } from './business-hours-editor';

type Props = { site: TSite | null; teams: readonly TTeam[]; onClose: () => void; onSaved: (s: TSite) => void };
type THoursMode = 'always' | 'weekly' | 'json';
type TPerLocale = Record<TLocale, string>;

const blank: TPerLocale = { 'zh-CN': '', en: '' };

export function SiteForm(props: Props) {
  const { t } = useI18n();
  const s = props.site;
  const [name, setName] = useState(s?.name ?? '');
  const [origins, setOrigins] = useState((s?.allowedOrigins ?? []).join('\n'));
  const [defaultTeamId, setDefaultTeam] = useState(s?.defaultTeamId ?? '');
  const [locale, setLocale] = useState<TLocale | ''>(s?.locale ?? '');
  const [color, setColor] = useState(s?.color ?? '#1f6feb');
  const [greeting, setGreeting] = useState<TPerLocale>(s?.greeting ?? blank);
  const [offline, setOffline] = useState<TPerLocale>(s?.offlineMessage ?? blank);
  const [mode, setMode] = useState<THoursMode>(!s?.businessHours ? 'always' : fitsSimpleForm(s.businessHours) ? 'weekly' : 'json');
  const [simple, setSimple] = useState(toSimpleHours(s?.businessHours ?? null));
  const [json, setJson] = useState(JSON.stringify(s?.businessHours ?? fromSimpleHours(toSimpleHours(null)), null, 2));
  const [launcher, setLauncher] = useState<TLauncherPosition>(s?.launcherPosition ?? 'right');
  const [rules, setRules] = useState<TRoutingRules>(s?.routingRules ?? { vipTeamId: null, categoryTeams: {} });
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [busy, setBusy] = useState(false);

  function switchMode(next: THoursMode) {
    // Carry the hours across representations so switching never silently drops them.
    if (mode === 'weekly' && next === 'json') setJson(JSON.stringify(fromSimpleHours(simple), null, 2));
    if (mode === 'json' && next === 'weekly') {
      try {
        const parsed = ZBusinessHours.safeParse(JSON.parse(json));
        if (parsed.success && fitsSimpleForm(parsed.data)) setSimple(toSimpleHours(parsed.data));
      } catch { /* keep the simple form as it was */ }
    }
    setMode(next);
  }

  function hoursValue(): unknown {
    if (mode === 'always') return null;
    if (mode === 'weekly') return fromSimpleHours(simple);
    try {
      return JSON.parse(json);
    } catch {
      return undefined;
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    const businessHours = hoursValue();
    if (businessHours === undefined) return setErrors({ businessHours: t('sites.jsonInvalid'), _form: t('form.fix') });
    const parsed = ZSiteBody.safeParse({
      name,
      allowedOrigins: origins.split('\n').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean),
      defaultTeamId: defaultTeamId || null,
      greeting,
      offlineMessage: offline,
      locale: locale || null,
      color,
      businessHours,
      launcherPosition: launcher,
      routingRules: rules,
    });
    if (!parsed.success) {
      const fieldErrors = issuesToFieldErrors(t, parsed.error.issues);
      // allowedOrigins.3 → allowedOrigins: one message under the textarea.
      for (const k of Object.keys(fieldErrors)) {
        const top = k.split('.')[0]!;
        if (top === 'allowedOrigins' && !fieldErrors[top]) fieldErrors[top] = fieldErrors[k]!;
        if (top === 'businessHours' && mode === 'json' && !fieldErrors[top]) fieldErrors[top] = `${k}: ${fieldErrors[k]}`;
      }
      return setErrors({ ...fieldErrors, _form: t('form.fix') });
    }
    setBusy(true);
    try {
      props.onSaved(s ? await api.updateSite(s.id, parsed.data) : await api.createSite(parsed.data));
    } catch (err) {
      setErrors(saveErrorToFieldErrors(t, err));
      setBusy(false);
    }
  }

  return (
    <Modal title={s ? `${t('common.edit')} · ${s.name}` : t('sites.new')} onClose={props.onClose}>
      <form class="form" onSubmit={submit} noValidate>
        <Field label={t('sites.name')} id="site-name" error={errors.name}>
          <input {...describedBy('site-name', errors.name)} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('sites.origins')} id="site-origins" error={errors.allowedOrigins} hint={t('sites.originsHelp')}>
          <textarea class="code" rows={3} {...describedBy('site-origins', errors.allowedOrigins, true)} value={origins}
            placeholder="https://shop.example.com" onInput={(e) => setOrigins(e.currentTarget.value)} />
        </Field>
        <div class="form-grid">
          <Field label={t('sites.defaultTeam')} id="site-team" error={errors.defaultTeamId}>
            <select {...describedBy('site-team', errors.defaultTeamId)} value={defaultTeamId} onChange={(e) => setDefaultTeam(e.currentTarget.value)}>
              <option value="">{t('sites.noTeam')}</option>
              {props.teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
            </select>
          </Field>
          <Field label={t('sites.locale')} id="site-locale">
            <select id="site-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as TLocale | '')}>
              <option value="">{t('sites.localeAuto')}</option>
              {LOCALES.map((l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </Field>
          <Field label={t('sites.color')} id="site-color" error={errors.color}>
            <div class="row">
              <input type="color" aria-label={t('sites.color')} value={/^#[0-9a-f]{6}$/i.test(color) ? color : '#1f6feb'} onInput={(e) => setColor(e.currentTarget.value)} />
              <input {...describedBy('site-color', errors.color)} class="code" size={8} value={color} onInput={(e) => setColor(e.currentTarget.value)} />
            </div>
          </Field>
        </div>
        {LOCALES.map((l) => (
          <div class="form-grid" key={l}>
            <Field label={t('sites.greeting', { locale: l })} id={`site-greeting-${l}`} error={errors[`greeting.${l}`]}>
              <textarea rows={2} {...describedBy(`site-greeting-${l}`, errors[`greeting.${l}`])} value={greeting[l]}
                onInput={(e) => setGreeting({ ...greeting, [l]: e.currentTarget.value })} />
            </Field>
            <Field label={t('sites.offline', { locale: l })} id={`site-offline-${l}`} error={errors[`offlineMessage.${l}`]}>
              <textarea rows={2} {...describedBy(`site-offline-${l}`, errors[`offlineMessage.${l}`])} value={offline[l]}
                onInput={(e) => setOffline({ ...offline, [l]: e.currentTarget.value })} />
            </Field>
          </div>
        ))}
        <fieldset class="hours-fieldset">
          <legend>{t('sites.hours')}</legend>
          <div class="radio-row">
            {(['always', 'weekly', 'json'] as const).map((m) => (
              <label key={m}><input type="radio" name="hours-mode" checked={mode === m} onChange={() => switchMode(m)} />{' '}
                {t(m === 'always' ? 'sites.hoursAlways' : m === 'weekly' ? 'sites.hoursWeekly' : 'sites.hoursJson')}</label>
            ))}
          </div>
          {mode === 'weekly' && <BusinessHoursEditor value={simple} onChange={setSimple} errors={errors} />}
          {mode === 'json' && (
            <Field label={t('sites.hoursJson')} id="site-hours-json" error={errors.businessHours}>
              <textarea class="code" rows={10} {...describedBy('site-hours-json', errors.businessHours)} value={json}
                onInput={(e) => setJson(e.currentTarget.value)} />
            </Field>
          )}
        </fieldset>
        <SiteRoutingFields launcher={launcher} onLauncher={setLauncher} rules={rules} onRules={setRules} teams={props.teams} />
        {errors._form && <p class="banner banner-error" role="alert">{errors._form}</p>}
        {s && <IdentitySecretField siteId={s.id} />}
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" disabled={busy}>{busy ? t('common.saving') : s ? t('common.save') : t('common.create')}</button>
        </div>
      </form>
    </Modal>
  );
}
