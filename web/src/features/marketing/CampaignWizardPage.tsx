import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import type { SubscriptionType } from '../../__generated__/graphql.ts';
import { formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { NotAllowed } from '../../ui/NotAllowed.tsx';
import {
  CreateCampaignDocument,
  EmailTemplatesDocument,
  ScheduleCampaignDocument,
  SegmentsDocument,
} from './graphql/__generated__/marketing.ts';

const SUBSCRIPTION_TYPES: SubscriptionType[] = ['NEWSLETTER', 'OFFERS', 'TRIP_IDEAS', 'EVENTS'];

const STEPS = ['Audience', 'Content', 'A/B test', 'Schedule', 'Review'] as const;

interface Variant {
  key: string;
  subject: string;
  percent: number;
}

/** /marketing/campaigns/new: audience (with live count), content, A/B, schedule, review. */
export function CampaignWizardPage() {
  useDocumentTitle('New campaign');
  const allowed = useHasRank('ADVISOR');
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [name, setName] = useState('');
  const [segmentIds, setSegmentIds] = useState<string[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [promotional, setPromotional] = useState(true);
  const [subscriptionType, setSubscriptionType] = useState<SubscriptionType>('NEWSLETTER');
  const [abTest, setAbTest] = useState(false);
  const [variants, setVariants] = useState<Variant[]>([
    { key: 'A', subject: '', percent: 50 },
    { key: 'B', subject: '', percent: 50 },
  ]);
  const [testPercent, setTestPercent] = useState(20);
  const [sendAt, setSendAt] = useState('');
  const [sendLocalTime, setSendLocalTime] = useState('');
  const [utmEnabled, setUtmEnabled] = useState(true);
  const [utmCampaign, setUtmCampaign] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const segments = useQuery(SegmentsDocument, { variables: { first: 100 } });
  const templates = useQuery(EmailTemplatesDocument, { variables: { first: 100 } });
  const [create, creating] = useMutation(CreateCampaignDocument);
  const [schedule, scheduling] = useMutation(ScheduleCampaignDocument);
  // Live count: members of the chosen segments (suppression is applied when it sends).
  const chosen = segments.data?.segments?.nodes.filter((s) => segmentIds.includes(s.id)) ?? [];
  const estimate = chosen.reduce((n, s) => n + s.memberCount, 0);
  if (!allowed) return <NotAllowed what="create campaigns" />;

  const finish = async (send: boolean) => {
    setProblem(null);
    try {
      const res = await create({
        variables: {
          input: {
            name,
            templateId,
            segmentIds,
            promotional,
            subscriptionType,
            utmEnabled,
            ...(utmEnabled && utmCampaign.trim() ? { utmCampaign: utmCampaign.trim() } : {}),
            ...(sendLocalTime ? { sendLocalTime } : {}),
            ...(abTest ? { variants, testPercent, testWindowMinutes: 240 } : {}),
          },
        },
      });
      const id = res.data?.createCampaign.id;
      if (!id) return;
      if (send)
        await schedule({ variables: { input: { id, ...(sendAt ? { sendAt: new Date(sendAt).toISOString() } : {}) } } });
      void navigate(`/marketing/campaigns/${id}`);
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  return (
    <section aria-labelledby="wizard-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/marketing/campaigns">Campaigns</Link>
      </nav>
      <header className="page-header">
        <h1 id="wizard-title">New campaign</h1>
        <p className="page-header__meta">
          Step {step + 1} of {STEPS.length}: {STEPS[step]}
        </p>
      </header>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined}>
            {s}
          </li>
        ))}
      </ol>
      <FormProblem problem={problem} />
      {problem?.fields.length ? (
        <p className="field__error">{problem.fields.map((f) => `${f.path}: ${f.message}`).join('; ')}</p>
      ) : null}
      <div className="record-form" data-testid={`wizard-step-${step}`}>
        {step === 0 && (
          <>
            <Field label="Campaign name" required>
              {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <fieldset>
              <legend>Send to</legend>
              {(segments.data?.segments?.nodes ?? []).map((s) => (
                <label key={s.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={segmentIds.includes(s.id)}
                    onChange={(e) =>
                      setSegmentIds(e.target.checked ? [...segmentIds, s.id] : segmentIds.filter((x) => x !== s.id))
                    }
                  />{' '}
                  {s.name} ({formatNumber(s.memberCount)})
                </label>
              ))}
            </fieldset>
            <p role="status" data-testid="wizard-audience-count">
              About {formatNumber(estimate)} people (suppressed and unsubscribed addresses are left out when it sends)
            </p>
          </>
        )}
        {step === 1 && (
          <>
            <Field label="Template" required>
              {(p) => (
                <select {...p} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                  <option value="">Choose a template</option>
                  {(templates.data?.emailTemplates?.nodes ?? []).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Subscription type" hint="People who left this type in the preference centre do not get it.">
              {(p) => (
                <select
                  {...p}
                  value={subscriptionType}
                  onChange={(e) => setSubscriptionType(e.target.value as SubscriptionType)}
                >
                  {SUBSCRIPTION_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {humanize(t)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <label className="checkbox">
              <input type="checkbox" checked={promotional} onChange={(e) => setPromotional(e.target.checked)} />{' '}
              Promotional (skips clients from 72 h before departure until their return)
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={utmEnabled} onChange={(e) => setUtmEnabled(e.target.checked)} /> Tag links
              with UTM parameters
            </label>
            {utmEnabled && (
              <Field label="UTM campaign" hint="Empty: a slug of the campaign name. Source is nexus, medium email.">
                {(p) => <input {...p} value={utmCampaign} onChange={(e) => setUtmCampaign(e.target.value)} />}
              </Field>
            )}
          </>
        )}
        {step === 2 && (
          <>
            <label className="checkbox">
              <input type="checkbox" checked={abTest} onChange={(e) => setAbTest(e.target.checked)} /> Test subject
              lines first
            </label>
            {abTest && (
              <>
                {variants.map((v, i) => (
                  <div key={v.key} className="form-grid">
                    <Field label={`Variant ${v.key} subject (empty: the template's)`}>
                      {(p) => (
                        <input
                          {...p}
                          value={v.subject}
                          onChange={(e) =>
                            setVariants(variants.map((x, j) => (j === i ? { ...x, subject: e.target.value } : x)))
                          }
                        />
                      )}
                    </Field>
                    <Field label="Split %">
                      {(p) => (
                        <input
                          {...p}
                          type="number"
                          value={v.percent}
                          onChange={(e) =>
                            setVariants(
                              variants.map((x, j) => (j === i ? { ...x, percent: Number(e.target.value) } : x)),
                            )
                          }
                        />
                      )}
                    </Field>
                  </div>
                ))}
                <Field
                  label="Share of the audience in the test (%)"
                  hint="The rest receives the variant with the most human clicks after 4 hours (A when inconclusive)."
                >
                  {(p) => (
                    <input
                      {...p}
                      type="number"
                      value={testPercent}
                      onChange={(e) => setTestPercent(Number(e.target.value))}
                    />
                  )}
                </Field>
              </>
            )}
          </>
        )}
        {step === 3 && (
          <>
            <Field label="Send at" hint="Leave empty to send as soon as you confirm.">
              {(p) => <input {...p} type="datetime-local" value={sendAt} onChange={(e) => setSendAt(e.target.value)} />}
            </Field>
            <Field
              label="Local send time"
              hint="Optional: each recipient gets it at this time in their own time zone (the first one after the start)."
            >
              {(p) => (
                <input {...p} type="time" value={sendLocalTime} onChange={(e) => setSendLocalTime(e.target.value)} />
              )}
            </Field>
          </>
        )}
        {step === 4 && (
          <dl className="facts" data-testid="wizard-review">
            <dt>Name</dt>
            <dd>{name || '—'}</dd>
            <dt>Audience</dt>
            <dd>
              {chosen.map((s) => s.name).join(', ') || '—'} (about {formatNumber(estimate)})
            </dd>
            <dt>Template</dt>
            <dd>{templates.data?.emailTemplates?.nodes.find((t) => t.id === templateId)?.name ?? '—'}</dd>
            <dt>A/B test</dt>
            <dd>{abTest ? variants.map((v) => `${v.key} ${v.percent}%`).join(' / ') : 'No'}</dd>
            <dt>Send</dt>
            <dd>
              {sendAt ? new Date(sendAt).toLocaleString() : 'Now'}
              {sendLocalTime && `, then at ${sendLocalTime} in each recipient's time zone`}
            </dd>
            <dt>UTM tagging</dt>
            <dd>{utmEnabled ? utmCampaign.trim() || 'On (campaign name)' : 'Off'}</dd>
          </dl>
        )}
      </div>
      <div className="form-actions">
        {step > 0 && (
          <button type="button" className="button button--ghost" onClick={() => setStep(step - 1)}>
            Back
          </button>
        )}
        {step < STEPS.length - 1 && (
          <button type="button" className="button button--primary" onClick={() => setStep(step + 1)}>
            Next
          </button>
        )}
        {step === STEPS.length - 1 && (
          <>
            <button type="button" className="button" disabled={creating.loading} onClick={() => void finish(false)}>
              Save as draft
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={creating.loading || scheduling.loading}
              onClick={() => void finish(true)}
            >
              {sendAt ? 'Schedule' : 'Send now'}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
