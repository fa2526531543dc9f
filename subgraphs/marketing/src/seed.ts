import type { MikroORM } from '@mikro-orm/postgresql';
import { QUEUES, enqueue } from '@nexus/platform';
import { Campaign, EmailTemplate, Segment } from './entities/index.ts';

const WELCOME = `<mjml>
  <mj-body background-color="#F5F3EE">
    <mj-section background-color="#0B1120" padding="24px">
      <mj-column><mj-text font-family="Georgia, serif" color="#C9A84C" font-size="24px" align="center">Travel Tamers</mj-text></mj-column>
    </mj-section>
    <mj-section background-color="#FFFFFF" padding="24px">
      <mj-column>
        <mj-text font-size="16px" line-height="1.5">Dear {{ contact.firstName | default: "traveller" }},</mj-text>
        <mj-text font-size="16px" line-height="1.5">Cherry blossom season in Kyoto is our favourite time of year. Our spring departures are open.</mj-text>
        <mj-button background-color="#C9A84C" color="#0B1120" href="https://traveltamers.example/kyoto-spring">See the itinerary</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

/**
 * Demo data: a template, a dynamic segment and a draft campaign, and a request to crm to fill the
 * audience (crm's demo contacts were seeded without passing through the feed).
 */
export async function seedMarketing(orm: MikroORM): Promise<{ seeded: boolean }> {
  const em = orm.em.fork();
  if ((await em.count(EmailTemplate, {}, { filters: false })) > 0) return { seeded: false };
  await em.transactional(async (tx) => {
    const template = tx.create(EmailTemplate, {
      name: 'Kyoto in spring',
      subject: 'Kyoto in spring, {{ contact.firstName }}',
      preheader: 'Cherry blossom departures',
      body: WELCOME,
      version: 1,
    });
    const segment = tx.create(Segment, {
      name: 'Customers',
      kind: 'DYNAMIC',
      criteria: { field: 'lifecycleStage', op: 'in', value: ['CUSTOMER', 'EVANGELIST'] },
    });
    tx.create(Campaign, { name: 'Kyoto spring departures', templateId: template.id, segmentIds: [segment.id] });
    enqueue(tx, QUEUES.crm, 'audience-republish', {});
  });
  return { seeded: true };
}
