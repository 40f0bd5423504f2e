import { useState } from 'preact/hooks';
import type { TSite } from '@kefu/shared';
import { api } from '../api/kefu-api';
import { errorText, useI18n } from '../i18n/i18n-context';
import { SiteForm } from './components/site-form';
import { adminApi } from '../admin/admin-api';
import { useAdminText } from '../admin/admin-text';
import { useResource } from './use-resource';

/** The one-line embed code for a site, as site owners paste it. */
export function embedSnippet(siteKey: string, origin = location.origin): string {
  return `<script src="${origin}/widget.js" data-site="${siteKey}" async></script>`;
}

export function SitesSettings(props: { editable: boolean }) {
  const { t } = useI18n();
  const sites = useResource(api.sites);
  const teams = useResource(api.teams);
  const [editing, setEditing] = useState<TSite | 'new' | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const { a } = useAdminText();
  const [rotateError, setRotateError] = useState<string | null>(null);

  async function rotate(site: TSite) {
    if (!confirm(a('sites.rotateConfirm', { name: site.name }))) return;
    setRotateError(null);
    try {
      await adminApi.rotateSiteKey(site.id);
      await sites.reload();
    } catch (err) {
      setRotateError(errorText(t, err));
    }
  }

  async function copy(site: TSite) {
    try {
      await navigator.clipboard.writeText(embedSnippet(site.key));
      setCopied(site.id);
      setTimeout(() => setCopied(null), 2000);
    } catch {
      document.getElementById(`snippet-${site.id}`)?.focus();
    }
  }

  return (
    <section aria-labelledby="sites-title">
      <div class="section-head">
        <h2 id="sites-title">{t('settings.sites')}</h2>
        {props.editable && <button type="button" class="btn btn-primary btn-sm" onClick={() => setEditing('new')}>{t('sites.new')}</button>}
      </div>
      {!props.editable && <p class="muted small">{t('sites.readOnly')}</p>}
      {rotateError && <p class="banner banner-error" role="alert">{rotateError}</p>}
      {sites.error != null && <p class="banner banner-error" role="alert">{errorText(t, sites.error)}</p>}
      {sites.data?.length === 0 && <p class="muted">{t('sites.empty')}</p>}
      <ul class="cards">
        {sites.data?.map((site) => (
          <li key={site.id} class="card">
            <div class="card-head">
              <span class="swatch" style={{ background: site.color }} aria-hidden="true" />
              <h3>{site.name}</h3>
              <span class="muted small">{t('sites.key')}: <code>{site.key}</code></span>
              {props.editable && (
                <>
                  <button type="button" class="btn btn-ghost btn-sm" onClick={() => void rotate(site)}>{a('sites.rotateKey')}</button>
                  <button type="button" class="btn btn-ghost btn-sm" aria-label={`${t('common.edit')} ${site.name}`} onClick={() => setEditing(site)}>{t('common.edit')}</button>
                </>
              )}
            </div>
            <label class="field">
              <span>{t('sites.snippet')}</span>
              <textarea id={`snippet-${site.id}`} class="code" readOnly rows={2} value={embedSnippet(site.key)}
                onFocus={(e) => e.currentTarget.select()} />
            </label>
            <div class="row">
              <button type="button" class="btn btn-sm" onClick={() => void copy(site)}>{copied === site.id ? t('common.copied') : t('common.copy')}</button>
              <span class="muted small">{t('sites.snippetHelp')}</span>
            </div>
            <p class="small muted">{t('sites.origins')}: {site.allowedOrigins.join(', ') || t('common.none')}</p>
          </li>
        ))}
      </ul>
      {editing && (
        <SiteForm site={editing === 'new' ? null : editing} teams={teams.data ?? []} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); void sites.reload(); }} />
      )}
    </section>
  );
}
