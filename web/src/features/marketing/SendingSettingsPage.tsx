import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field, type FieldControlProps } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  MarketingSendingSettingsDocument,
  SendingDomainCheckDocument,
  UpdateMarketingSendingSettingsDocument,
} from './graphql/__generated__/marketing.ts';

type Form = Record<
  | 'frequencyCapCount'
  | 'frequencyCapDays'
  | 'quietHoursStart'
  | 'quietHoursEnd'
  | 'defaultTimezone'
  | 'warmupStartRate'
  | 'warmupStartedOn'
  | 'warmupDailyIncreasePercent',
  string
>;

const text = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
/** Empty means "off" (null) for the optional numbers. */
const num = (v: string) => (v.trim() === '' ? null : Number(v));

/** /marketing/settings: the sending settings every campaign obeys; managers change them, everyone reads. */
export function SendingSettingsPage() {
  useDocumentTitle('Sending settings');
  const canEdit = useHasRank('MANAGER');
  const { data, error, refetch } = useQuery(MarketingSendingSettingsDocument, { fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(UpdateMarketingSendingSettingsDocument);
  const [form, setForm] = useState<Form | null>(null);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [saved, setSaved] = useState(false);
  const s = data?.marketingSendingSettings;
  useEffect(() => {
    if (s && !form)
      setForm({
        frequencyCapCount: text(s.frequencyCapCount),
        frequencyCapDays: text(s.frequencyCapDays),
        quietHoursStart: text(s.quietHoursStart),
        quietHoursEnd: text(s.quietHoursEnd),
        defaultTimezone: s.defaultTimezone,
        warmupStartRate: text(s.warmupStartRate),
        warmupStartedOn: text(s.warmupStartedOn),
        warmupDailyIncreasePercent: text(s.warmupDailyIncreasePercent),
      });
  }, [s, form]);

  const submit = async () => {
    if (!form) return;
    setProblem(null);
    setSaved(false);
    try {
      await save({
        variables: {
          input: {
            frequencyCapCount: num(form.frequencyCapCount),
            frequencyCapDays: num(form.frequencyCapDays) ?? 7,
            quietHoursStart: num(form.quietHoursStart),
            quietHoursEnd: num(form.quietHoursEnd),
            defaultTimezone: form.defaultTimezone.trim(),
            warmupStartRate: num(form.warmupStartRate),
            warmupStartedOn: form.warmupStartedOn.trim() || null,
            warmupDailyIncreasePercent: num(form.warmupDailyIncreasePercent) ?? 50,
          },
        },
      });
      setSaved(true);
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  const input =
    (key: keyof Form, type = 'number') =>
    (p: FieldControlProps) => (
      <input
        {...p}
        type={type}
        value={form?.[key] ?? ''}
        readOnly={!canEdit}
        onChange={(e) => form && setForm({ ...form, [key]: e.target.value })}
      />
    );

  return (
    <section aria-labelledby="sending-settings-title">
      <header className="page-header">
        <h1 id="sending-settings-title">Sending settings</h1>
        <p className="page-header__meta">
          {s
            ? `Throttle today: ${formatNumber(s.effectiveSendRate)} of ${formatNumber(s.configuredSendRate)} emails per second`
            : ''}
        </p>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!form && !error && <Loading />}
      {form && (
        <form
          className="record-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <FormProblem problem={problem} />
          {!canEdit && <p>Managers change these settings; you can read them.</p>}
          <fieldset>
            <legend>Frequency cap (every campaign counts)</legend>
            <Field
              label="Most marketing emails per contact"
              hint="Empty: no cap."
              error={fieldMessage(problem, 'frequencyCapCount')}
            >
              {input('frequencyCapCount')}
            </Field>
            <Field label="Within days" error={fieldMessage(problem, 'frequencyCapDays')}>
              {input('frequencyCapDays')}
            </Field>
          </fieldset>
          <fieldset>
            <legend>Quiet hours (in each contact's time zone)</legend>
            <Field
              label="Quiet from hour (0-23)"
              hint="Empty: no quiet hours."
              error={fieldMessage(problem, 'quietHoursStart')}
            >
              {input('quietHoursStart')}
            </Field>
            <Field label="Quiet until hour (0-23)" error={fieldMessage(problem, 'quietHoursEnd')}>
              {input('quietHoursEnd')}
            </Field>
            <Field
              label="Time zone for contacts without one"
              hint="An IANA name, e.g. Australia/Sydney."
              error={fieldMessage(problem, 'defaultTimezone')}
            >
              {input('defaultTimezone', 'text')}
            </Field>
          </fieldset>
          <fieldset>
            <legend>Warm-up of a new sending domain or address</legend>
            <Field
              label="Emails per second on the first day"
              hint="Empty: no warm-up."
              error={fieldMessage(problem, 'warmupStartRate')}
            >
              {input('warmupStartRate')}
            </Field>
            <Field label="First day" error={fieldMessage(problem, 'warmupStartedOn')}>
              {input('warmupStartedOn', 'date')}
            </Field>
            <Field label="Daily increase (%)" error={fieldMessage(problem, 'warmupDailyIncreasePercent')}>
              {input('warmupDailyIncreasePercent')}
            </Field>
          </fieldset>
          {canEdit && (
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={saving.loading}>
                Save settings
              </button>
              {saved && (
                <span role="status" data-testid="settings-saved">
                  Saved
                </span>
              )}
            </div>
          )}
        </form>
      )}
      <DomainCheck />
    </section>
  );
}

const STATUS_TEXT: Record<string, string> = {
  PASS: 'Pass',
  WARN: 'Weak',
  FAIL: 'Fail',
  MISSING: 'Missing',
  ERROR: 'Lookup failed',
};

/** SPF, DKIM and DMARC of the sending domain, looked up in DNS on request. */
function DomainCheck() {
  const { data, error, loading, refetch } = useQuery(SendingDomainCheckDocument, { fetchPolicy: 'network-only' });
  const c = data?.sendingDomainCheck;
  return (
    <section className="panel" aria-labelledby="domain-check-title" data-testid="domain-check">
      <h2 id="domain-check-title" className="panel__title">
        Sending domain authentication
      </h2>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {loading && !c && <Loading />}
      {c && (
        <>
          <p>
            {c.domain} ·{' '}
            {c.dkimSigning
              ? `mail is DKIM-signed for ${c.dkimDomain} (selector ${c.dkimSelector})`
              : 'mail is not DKIM-signed'}{' '}
            · checked {formatDateTime(c.checkedAt)}
          </p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Result</th>
                <th scope="col">What it means</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['SPF', c.spf],
                  ['DKIM', c.dkim],
                  ['DMARC', c.dmarc],
                ] as const
              ).map(([name, check]) => (
                <tr key={name} data-testid={`domain-check-${name.toLowerCase()}`}>
                  <th scope="row">{name}</th>
                  <td>
                    <span className={`badge${check.status === 'PASS' ? ' badge--gold' : ' badge--danger'}`}>
                      {STATUS_TEXT[check.status] ?? check.status}
                    </span>
                  </td>
                  <td>
                    {check.detail}
                    {check.record && (
                      <>
                        <br />
                        <code>{check.record}</code>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button" onClick={() => void refetch()} disabled={loading}>
            Check again
          </button>
        </>
      )}
    </section>
  );
}
