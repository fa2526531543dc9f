import { graphql } from '../../../__generated__/gql.ts';

export const TravelClientDocument = graphql(`
  query TravelClient($id: ID!) {
    client(id: $id) {
      id
      displayName
      email
      phone
      clientType
      status
      travelStyle
      churnRiskScore
      preferredChannel
      notes
      createdAt
      contact {
        id
        firstName
        lastName
      }
      travelers(first: 50) {
        totalCount
        nodes {
          id
          firstName
          lastName
          passportExpiryDate
          status
        }
      }
      trips(first: 25) {
        totalCount
        nodes {
          id
          name
          status
          startDate
          endDate
          totalCostCents
        }
      }
      bookings(first: 25) {
        totalCount
        nodes {
          ...BookingRow
        }
      }
    }
  }
`);

export const SaveClientFieldsDocument = graphql(`
  query TravelClientFields($id: ID!) {
    client(id: $id) {
      id
      displayName
      email
      phone
      clientType
      status
      travelStyle
      notes
    }
  }
`);

export const CreateTravelClientDocument = graphql(`
  mutation CreateTravelClient($input: CreateClientInput!) {
    createClient(input: $input) {
      id
    }
  }
`);

export const UpdateTravelClientDocument = graphql(`
  mutation UpdateTravelClient($input: UpdateClientInput!) {
    updateClient(input: $input) {
      id
      displayName
      email
      phone
      clientType
      status
      travelStyle
      notes
    }
  }
`);

export const TravelVendorDocument = graphql(`
  query TravelVendor($id: ID!) {
    vendor(id: $id) {
      id
      name
      vendorType
      tier
      isActive
      contactEmail
      commissionRules(first: 50) {
        totalCount
        nodes {
          id
          tripType
          commissionPct
          bonusPct
          effectiveFrom
          effectiveTo
        }
      }
      contracts(first: 50) {
        totalCount
        nodes {
          id
          name
          contractType
          commissionPct
          cabinsHeld
          releaseDate
          startDate
          endDate
          tripOffering {
            id
            name
          }
        }
      }
    }
  }
`);

export const TravelGroupDocument = graphql(`
  query TravelGroupDetail($id: ID!) {
    travelGroup(id: $id) {
      id
      name
      status
      destination
      departureDate
      returnDate
      minGuests
      maxGuests
      memberCount
      pricePerPersonCents
      depositPerPersonCents
      members(first: 100) {
        totalCount
        nodes {
          id
          ttContactId
          role
          depositPaid
          depositPaidAt
          joinedAt
        }
      }
      milestones(first: 50) {
        totalCount
        nodes {
          id
          title
          dueDate
          completedAt
        }
      }
    }
  }
`);

export const FinanceDashboardDocument = graphql(`
  query FinanceDashboard($today: Date!) {
    overdue: paymentSchedules(first: 5, filter: { status: OVERDUE }) {
      totalCount
      nodes {
        id
        dueDate
        amountCents
        client {
          id
          displayName
        }
      }
    }
    upcoming: paymentSchedules(first: 5, filter: { status: UPCOMING, dueAfter: $today }) {
      totalCount
      nodes {
        id
        dueDate
        amountCents
        client {
          id
          displayName
        }
      }
    }
    unpaid: invoices(first: 1, filter: { status: OVERDUE }) {
      totalCount
    }
    commissionSummary {
      count
      totalGrossCommissionCents
      totalNexionShareCents
      totalAgentNetCents
      byStatus {
        status
        count
        grossCommissionCents
      }
    }
  }
`);
