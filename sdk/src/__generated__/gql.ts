/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SdkContact on Contact {\n    id\n    firstName\n    lastName\n    email\n    phone\n    jobTitle\n    lifecycleStage\n    leadScore\n    city\n    country\n    tags\n    company {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n": typeof types.SdkContactFragmentDoc,
    "\n  fragment SdkCompany on Company {\n    id\n    name\n    domain\n    industry\n    status\n    city\n    country\n    tags\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n": typeof types.SdkCompanyFragmentDoc,
    "\n  fragment SdkDeal on Deal {\n    id\n    title\n    status\n    amountCents\n    probability\n    expectedCloseDate\n    closedAt\n    pipeline {\n      id\n      name\n    }\n    stage {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    primaryContact {\n      id\n      firstName\n      lastName\n    }\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n": typeof types.SdkDealFragmentDoc,
    "\n  fragment SdkTask on Task {\n    id\n    title\n    description\n    taskType\n    status\n    priority\n    dueAt\n    completedAt\n    isOverdue\n    assignee {\n      id\n      name\n    }\n    contact {\n      id\n    }\n    company {\n      id\n    }\n    deal {\n      id\n    }\n    createdAt\n    updatedAt\n  }\n": typeof types.SdkTaskFragmentDoc,
    "\n  query SdkListContacts($first: Int, $after: String, $filter: ContactFilter, $orderBy: ContactOrder) {\n    contacts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkContact\n      }\n    }\n  }\n": typeof types.SdkListContactsDocument,
    "\n  query SdkGetContact($id: ID!) {\n    contact(id: $id) {\n      ...SdkContact\n    }\n  }\n": typeof types.SdkGetContactDocument,
    "\n  mutation SdkCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      ...SdkContact\n    }\n  }\n": typeof types.SdkCreateContactDocument,
    "\n  mutation SdkUpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) {\n      ...SdkContact\n    }\n  }\n": typeof types.SdkUpdateContactDocument,
    "\n  query SdkListCompanies($first: Int, $after: String, $filter: CompanyFilter, $orderBy: CompanyOrder) {\n    companies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkCompany\n      }\n    }\n  }\n": typeof types.SdkListCompaniesDocument,
    "\n  query SdkGetCompany($id: ID!) {\n    company(id: $id) {\n      ...SdkCompany\n    }\n  }\n": typeof types.SdkGetCompanyDocument,
    "\n  mutation SdkCreateCompany($input: CreateCompanyInput!) {\n    createCompany(input: $input) {\n      ...SdkCompany\n    }\n  }\n": typeof types.SdkCreateCompanyDocument,
    "\n  mutation SdkUpdateCompany($input: UpdateCompanyInput!) {\n    updateCompany(input: $input) {\n      ...SdkCompany\n    }\n  }\n": typeof types.SdkUpdateCompanyDocument,
    "\n  query SdkListDeals($first: Int, $after: String, $filter: DealFilter, $orderBy: DealOrder) {\n    deals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkDeal\n      }\n    }\n  }\n": typeof types.SdkListDealsDocument,
    "\n  query SdkGetDeal($id: ID!) {\n    deal(id: $id) {\n      ...SdkDeal\n    }\n  }\n": typeof types.SdkGetDealDocument,
    "\n  mutation SdkCreateDeal($input: CreateDealInput!) {\n    createDeal(input: $input) {\n      ...SdkDeal\n    }\n  }\n": typeof types.SdkCreateDealDocument,
    "\n  mutation SdkUpdateDeal($input: UpdateDealInput!) {\n    updateDeal(input: $input) {\n      ...SdkDeal\n    }\n  }\n": typeof types.SdkUpdateDealDocument,
    "\n  query SdkListTasks($first: Int, $after: String, $filter: TaskFilter, $orderBy: TaskOrder) {\n    tasks(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkTask\n      }\n    }\n  }\n": typeof types.SdkListTasksDocument,
    "\n  query SdkGetTask($id: ID!) {\n    task(id: $id) {\n      ...SdkTask\n    }\n  }\n": typeof types.SdkGetTaskDocument,
    "\n  mutation SdkCreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      ...SdkTask\n    }\n  }\n": typeof types.SdkCreateTaskDocument,
    "\n  mutation SdkUpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      ...SdkTask\n    }\n  }\n": typeof types.SdkUpdateTaskDocument,
    "\n  query SdkMe {\n    me {\n      id\n      name\n      email\n      role\n    }\n  }\n": typeof types.SdkMeDocument,
    "\n  query SdkRateLimit {\n    rateLimit {\n      limit\n      cost\n      remaining\n      resetAt\n      used\n    }\n  }\n": typeof types.SdkRateLimitDocument,
};
const documents: Documents = {
    "\n  fragment SdkContact on Contact {\n    id\n    firstName\n    lastName\n    email\n    phone\n    jobTitle\n    lifecycleStage\n    leadScore\n    city\n    country\n    tags\n    company {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n": types.SdkContactFragmentDoc,
    "\n  fragment SdkCompany on Company {\n    id\n    name\n    domain\n    industry\n    status\n    city\n    country\n    tags\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n": types.SdkCompanyFragmentDoc,
    "\n  fragment SdkDeal on Deal {\n    id\n    title\n    status\n    amountCents\n    probability\n    expectedCloseDate\n    closedAt\n    pipeline {\n      id\n      name\n    }\n    stage {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    primaryContact {\n      id\n      firstName\n      lastName\n    }\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n": types.SdkDealFragmentDoc,
    "\n  fragment SdkTask on Task {\n    id\n    title\n    description\n    taskType\n    status\n    priority\n    dueAt\n    completedAt\n    isOverdue\n    assignee {\n      id\n      name\n    }\n    contact {\n      id\n    }\n    company {\n      id\n    }\n    deal {\n      id\n    }\n    createdAt\n    updatedAt\n  }\n": types.SdkTaskFragmentDoc,
    "\n  query SdkListContacts($first: Int, $after: String, $filter: ContactFilter, $orderBy: ContactOrder) {\n    contacts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkContact\n      }\n    }\n  }\n": types.SdkListContactsDocument,
    "\n  query SdkGetContact($id: ID!) {\n    contact(id: $id) {\n      ...SdkContact\n    }\n  }\n": types.SdkGetContactDocument,
    "\n  mutation SdkCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      ...SdkContact\n    }\n  }\n": types.SdkCreateContactDocument,
    "\n  mutation SdkUpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) {\n      ...SdkContact\n    }\n  }\n": types.SdkUpdateContactDocument,
    "\n  query SdkListCompanies($first: Int, $after: String, $filter: CompanyFilter, $orderBy: CompanyOrder) {\n    companies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkCompany\n      }\n    }\n  }\n": types.SdkListCompaniesDocument,
    "\n  query SdkGetCompany($id: ID!) {\n    company(id: $id) {\n      ...SdkCompany\n    }\n  }\n": types.SdkGetCompanyDocument,
    "\n  mutation SdkCreateCompany($input: CreateCompanyInput!) {\n    createCompany(input: $input) {\n      ...SdkCompany\n    }\n  }\n": types.SdkCreateCompanyDocument,
    "\n  mutation SdkUpdateCompany($input: UpdateCompanyInput!) {\n    updateCompany(input: $input) {\n      ...SdkCompany\n    }\n  }\n": types.SdkUpdateCompanyDocument,
    "\n  query SdkListDeals($first: Int, $after: String, $filter: DealFilter, $orderBy: DealOrder) {\n    deals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkDeal\n      }\n    }\n  }\n": types.SdkListDealsDocument,
    "\n  query SdkGetDeal($id: ID!) {\n    deal(id: $id) {\n      ...SdkDeal\n    }\n  }\n": types.SdkGetDealDocument,
    "\n  mutation SdkCreateDeal($input: CreateDealInput!) {\n    createDeal(input: $input) {\n      ...SdkDeal\n    }\n  }\n": types.SdkCreateDealDocument,
    "\n  mutation SdkUpdateDeal($input: UpdateDealInput!) {\n    updateDeal(input: $input) {\n      ...SdkDeal\n    }\n  }\n": types.SdkUpdateDealDocument,
    "\n  query SdkListTasks($first: Int, $after: String, $filter: TaskFilter, $orderBy: TaskOrder) {\n    tasks(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkTask\n      }\n    }\n  }\n": types.SdkListTasksDocument,
    "\n  query SdkGetTask($id: ID!) {\n    task(id: $id) {\n      ...SdkTask\n    }\n  }\n": types.SdkGetTaskDocument,
    "\n  mutation SdkCreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      ...SdkTask\n    }\n  }\n": types.SdkCreateTaskDocument,
    "\n  mutation SdkUpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      ...SdkTask\n    }\n  }\n": types.SdkUpdateTaskDocument,
    "\n  query SdkMe {\n    me {\n      id\n      name\n      email\n      role\n    }\n  }\n": types.SdkMeDocument,
    "\n  query SdkRateLimit {\n    rateLimit {\n      limit\n      cost\n      remaining\n      resetAt\n      used\n    }\n  }\n": types.SdkRateLimitDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SdkContact on Contact {\n    id\n    firstName\n    lastName\n    email\n    phone\n    jobTitle\n    lifecycleStage\n    leadScore\n    city\n    country\n    tags\n    company {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment SdkContact on Contact {\n    id\n    firstName\n    lastName\n    email\n    phone\n    jobTitle\n    lifecycleStage\n    leadScore\n    city\n    country\n    tags\n    company {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SdkCompany on Company {\n    id\n    name\n    domain\n    industry\n    status\n    city\n    country\n    tags\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment SdkCompany on Company {\n    id\n    name\n    domain\n    industry\n    status\n    city\n    country\n    tags\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SdkDeal on Deal {\n    id\n    title\n    status\n    amountCents\n    probability\n    expectedCloseDate\n    closedAt\n    pipeline {\n      id\n      name\n    }\n    stage {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    primaryContact {\n      id\n      firstName\n      lastName\n    }\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment SdkDeal on Deal {\n    id\n    title\n    status\n    amountCents\n    probability\n    expectedCloseDate\n    closedAt\n    pipeline {\n      id\n      name\n    }\n    stage {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    primaryContact {\n      id\n      firstName\n      lastName\n    }\n    owner {\n      id\n      name\n    }\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SdkTask on Task {\n    id\n    title\n    description\n    taskType\n    status\n    priority\n    dueAt\n    completedAt\n    isOverdue\n    assignee {\n      id\n      name\n    }\n    contact {\n      id\n    }\n    company {\n      id\n    }\n    deal {\n      id\n    }\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment SdkTask on Task {\n    id\n    title\n    description\n    taskType\n    status\n    priority\n    dueAt\n    completedAt\n    isOverdue\n    assignee {\n      id\n      name\n    }\n    contact {\n      id\n    }\n    company {\n      id\n    }\n    deal {\n      id\n    }\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkListContacts($first: Int, $after: String, $filter: ContactFilter, $orderBy: ContactOrder) {\n    contacts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkContact\n      }\n    }\n  }\n"): (typeof documents)["\n  query SdkListContacts($first: Int, $after: String, $filter: ContactFilter, $orderBy: ContactOrder) {\n    contacts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkContact\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkGetContact($id: ID!) {\n    contact(id: $id) {\n      ...SdkContact\n    }\n  }\n"): (typeof documents)["\n  query SdkGetContact($id: ID!) {\n    contact(id: $id) {\n      ...SdkContact\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      ...SdkContact\n    }\n  }\n"): (typeof documents)["\n  mutation SdkCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      ...SdkContact\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkUpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) {\n      ...SdkContact\n    }\n  }\n"): (typeof documents)["\n  mutation SdkUpdateContact($input: UpdateContactInput!) {\n    updateContact(input: $input) {\n      ...SdkContact\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkListCompanies($first: Int, $after: String, $filter: CompanyFilter, $orderBy: CompanyOrder) {\n    companies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkCompany\n      }\n    }\n  }\n"): (typeof documents)["\n  query SdkListCompanies($first: Int, $after: String, $filter: CompanyFilter, $orderBy: CompanyOrder) {\n    companies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkCompany\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkGetCompany($id: ID!) {\n    company(id: $id) {\n      ...SdkCompany\n    }\n  }\n"): (typeof documents)["\n  query SdkGetCompany($id: ID!) {\n    company(id: $id) {\n      ...SdkCompany\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkCreateCompany($input: CreateCompanyInput!) {\n    createCompany(input: $input) {\n      ...SdkCompany\n    }\n  }\n"): (typeof documents)["\n  mutation SdkCreateCompany($input: CreateCompanyInput!) {\n    createCompany(input: $input) {\n      ...SdkCompany\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkUpdateCompany($input: UpdateCompanyInput!) {\n    updateCompany(input: $input) {\n      ...SdkCompany\n    }\n  }\n"): (typeof documents)["\n  mutation SdkUpdateCompany($input: UpdateCompanyInput!) {\n    updateCompany(input: $input) {\n      ...SdkCompany\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkListDeals($first: Int, $after: String, $filter: DealFilter, $orderBy: DealOrder) {\n    deals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkDeal\n      }\n    }\n  }\n"): (typeof documents)["\n  query SdkListDeals($first: Int, $after: String, $filter: DealFilter, $orderBy: DealOrder) {\n    deals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkDeal\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkGetDeal($id: ID!) {\n    deal(id: $id) {\n      ...SdkDeal\n    }\n  }\n"): (typeof documents)["\n  query SdkGetDeal($id: ID!) {\n    deal(id: $id) {\n      ...SdkDeal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkCreateDeal($input: CreateDealInput!) {\n    createDeal(input: $input) {\n      ...SdkDeal\n    }\n  }\n"): (typeof documents)["\n  mutation SdkCreateDeal($input: CreateDealInput!) {\n    createDeal(input: $input) {\n      ...SdkDeal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkUpdateDeal($input: UpdateDealInput!) {\n    updateDeal(input: $input) {\n      ...SdkDeal\n    }\n  }\n"): (typeof documents)["\n  mutation SdkUpdateDeal($input: UpdateDealInput!) {\n    updateDeal(input: $input) {\n      ...SdkDeal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkListTasks($first: Int, $after: String, $filter: TaskFilter, $orderBy: TaskOrder) {\n    tasks(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkTask\n      }\n    }\n  }\n"): (typeof documents)["\n  query SdkListTasks($first: Int, $after: String, $filter: TaskFilter, $orderBy: TaskOrder) {\n    tasks(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...SdkTask\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkGetTask($id: ID!) {\n    task(id: $id) {\n      ...SdkTask\n    }\n  }\n"): (typeof documents)["\n  query SdkGetTask($id: ID!) {\n    task(id: $id) {\n      ...SdkTask\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkCreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      ...SdkTask\n    }\n  }\n"): (typeof documents)["\n  mutation SdkCreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      ...SdkTask\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkUpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      ...SdkTask\n    }\n  }\n"): (typeof documents)["\n  mutation SdkUpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      ...SdkTask\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkMe {\n    me {\n      id\n      name\n      email\n      role\n    }\n  }\n"): (typeof documents)["\n  query SdkMe {\n    me {\n      id\n      name\n      email\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkRateLimit {\n    rateLimit {\n      limit\n      cost\n      remaining\n      resetAt\n      used\n    }\n  }\n"): (typeof documents)["\n  query SdkRateLimit {\n    rateLimit {\n      limit\n      cost\n      remaining\n      resetAt\n      used\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;