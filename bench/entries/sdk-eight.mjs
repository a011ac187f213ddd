// Size baseline for the eight operations: the AWS SDK for JavaScript v3, one client with
// eight commands of the same kinds as this module's (Clean Rooms; the registry here does not
// serve the Clean Rooms ML client): a membership's create, get, list and delete, a list and
// a get of the resource it refers to, and the collaboration's get and list — with the three
// lists' paginators.
export {
  CleanRoomsClient,
  CreateConfiguredTableAssociationCommand,
  GetConfiguredTableAssociationCommand,
  ListConfiguredTableAssociationsCommand,
  DeleteConfiguredTableAssociationCommand,
  ListConfiguredTablesCommand,
  GetConfiguredTableCommand,
  GetCollaborationConfiguredAudienceModelAssociationCommand,
  ListCollaborationConfiguredAudienceModelAssociationsCommand,
  paginateListConfiguredTableAssociations,
  paginateListConfiguredTables,
  paginateListCollaborationConfiguredAudienceModelAssociations,
} from '@aws-sdk/client-cleanrooms';
