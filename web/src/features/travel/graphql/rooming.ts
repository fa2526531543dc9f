import { graphql } from '../../../__generated__/gql.ts';

export const RoomingDocument = graphql(`
  query GroupRooming($id: ID!) {
    travelGroup(id: $id) {
      id
      name
      roomingList {
        updatedAt
        csv
        rooms {
          label
          roomType
          occupants {
            memberId
            name
          }
        }
        unassigned {
          memberId
          name
        }
      }
      roomBlock {
        held
        assigned
        released
        available
        releaseDate
      }
    }
  }
`);

export const SaveRoomingListDocument = graphql(`
  mutation SaveRoomingList($input: SaveRoomingListInput!) {
    saveRoomingList(input: $input) {
      updatedAt
    }
  }
`);
