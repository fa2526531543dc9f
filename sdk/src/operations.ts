/**
 * The SDK's typed documents: the common reads and writes of contacts, companies, deals and tasks,
 * the caller's own identity and its rate-limit budget. `npm run codegen` turns each into a typed
 * document with its sha256 (src/__generated__); list queries share the connection shape that
 * `NexusClient.paginate` follows.
 */
import { graphql } from './__generated__/gql.ts';

export const ContactFields = graphql(`
  fragment SdkContact on Contact {
    id
    firstName
    lastName
    email
    phone
    jobTitle
    lifecycleStage
    leadScore
    city
    country
    tags
    company {
      id
      name
    }
    owner {
      id
      name
    }
    createdAt
    updatedAt
  }
`);

export const CompanyFields = graphql(`
  fragment SdkCompany on Company {
    id
    name
    domain
    industry
    status
    city
    country
    tags
    owner {
      id
      name
    }
    createdAt
    updatedAt
  }
`);

export const DealFields = graphql(`
  fragment SdkDeal on Deal {
    id
    title
    status
    amountCents
    probability
    expectedCloseDate
    closedAt
    pipeline {
      id
      name
    }
    stage {
      id
      name
    }
    company {
      id
      name
    }
    primaryContact {
      id
      firstName
      lastName
    }
    owner {
      id
      name
    }
    createdAt
    updatedAt
  }
`);

export const TaskFields = graphql(`
  fragment SdkTask on Task {
    id
    title
    description
    taskType
    status
    priority
    dueAt
    completedAt
    isOverdue
    assignee {
      id
      name
    }
    contact {
      id
    }
    company {
      id
    }
    deal {
      id
    }
    createdAt
    updatedAt
  }
`);

export const ListContacts = graphql(`
  query SdkListContacts($first: Int, $after: String, $filter: ContactFilter, $orderBy: ContactOrder) {
    contacts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...SdkContact
      }
    }
  }
`);

export const GetContact = graphql(`
  query SdkGetContact($id: ID!) {
    contact(id: $id) {
      ...SdkContact
    }
  }
`);

export const CreateContact = graphql(`
  mutation SdkCreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      ...SdkContact
    }
  }
`);

export const UpdateContact = graphql(`
  mutation SdkUpdateContact($input: UpdateContactInput!) {
    updateContact(input: $input) {
      ...SdkContact
    }
  }
`);

export const ListCompanies = graphql(`
  query SdkListCompanies($first: Int, $after: String, $filter: CompanyFilter, $orderBy: CompanyOrder) {
    companies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...SdkCompany
      }
    }
  }
`);

export const GetCompany = graphql(`
  query SdkGetCompany($id: ID!) {
    company(id: $id) {
      ...SdkCompany
    }
  }
`);

export const CreateCompany = graphql(`
  mutation SdkCreateCompany($input: CreateCompanyInput!) {
    createCompany(input: $input) {
      ...SdkCompany
    }
  }
`);

export const UpdateCompany = graphql(`
  mutation SdkUpdateCompany($input: UpdateCompanyInput!) {
    updateCompany(input: $input) {
      ...SdkCompany
    }
  }
`);

export const ListDeals = graphql(`
  query SdkListDeals($first: Int, $after: String, $filter: DealFilter, $orderBy: DealOrder) {
    deals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...SdkDeal
      }
    }
  }
`);

export const GetDeal = graphql(`
  query SdkGetDeal($id: ID!) {
    deal(id: $id) {
      ...SdkDeal
    }
  }
`);

export const CreateDeal = graphql(`
  mutation SdkCreateDeal($input: CreateDealInput!) {
    createDeal(input: $input) {
      ...SdkDeal
    }
  }
`);

export const UpdateDeal = graphql(`
  mutation SdkUpdateDeal($input: UpdateDealInput!) {
    updateDeal(input: $input) {
      ...SdkDeal
    }
  }
`);

export const ListTasks = graphql(`
  query SdkListTasks($first: Int, $after: String, $filter: TaskFilter, $orderBy: TaskOrder) {
    tasks(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...SdkTask
      }
    }
  }
`);

export const GetTask = graphql(`
  query SdkGetTask($id: ID!) {
    task(id: $id) {
      ...SdkTask
    }
  }
`);

export const CreateTask = graphql(`
  mutation SdkCreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      ...SdkTask
    }
  }
`);

export const UpdateTask = graphql(`
  mutation SdkUpdateTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      ...SdkTask
    }
  }
`);

export const Me = graphql(`
  query SdkMe {
    me {
      id
      name
      email
      role
    }
  }
`);

export const RateLimit = graphql(`
  query SdkRateLimit {
    rateLimit {
      limit
      cost
      remaining
      resetAt
      used
    }
  }
`);
