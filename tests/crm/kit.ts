import { data, unique, type Role, type Staff } from '../support/staff.ts';

/** crm records the way a client creates them, for black-box crm tests through the gateway. */
export interface TestPipeline {
  id: string;
  stages: { nodes: { id: string; name: string; probability: number; outcome: string }[] };
}

/** A pipeline of its own for a test: Lead 10, Proposal 50, Verbal 80, Won 100, Lost 0. */
export async function createPipeline(staff: Staff, name = unique('Test pipeline')): Promise<TestPipeline> {
  const res = await staff.as.manager<{ createPipeline: TestPipeline }>(
    `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages(first: 30) { nodes { id name probability outcome } } } }`,
    {
      input: {
        name,
        pipelineType: 'CORPORATE',
        stages: [
          { name: 'Lead', probability: 10 },
          { name: 'Proposal', probability: 50 },
          { name: 'Verbal', probability: 80 },
          { name: 'Won', probability: 100, outcome: 'WON' },
          { name: 'Lost', probability: 0, outcome: 'LOST' },
        ],
      },
    },
  );
  return data(res).createPipeline;
}

export const stageId = (p: TestPipeline, name: string) => {
  const s = p.stages.nodes.find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s.id;
};

export async function createDeal(
  staff: Staff,
  input: Record<string, unknown>,
  role: Role = 'advisor',
): Promise<{ id: string }> {
  return data(
    await staff.as[role]<{ createDeal: { id: string } }>(
      `mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }`,
      { input },
    ),
  ).createDeal;
}

export async function createTask(
  staff: Staff,
  input: Record<string, unknown>,
  role: Role = 'advisor',
): Promise<{ id: string }> {
  return data(
    await staff.as[role]<{ createTask: { id: string } }>(
      `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`,
      { input },
    ),
  ).createTask;
}
