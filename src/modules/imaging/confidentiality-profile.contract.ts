/*
 * DICOM PS3.15 Annex E, Table E.1-1 (Basic Application Level Confidentiality Profile), as this platform
 * applies it with the Retain Patient Characteristics option and the Retain Longitudinal Temporal
 * Information with Modified Dates option. Shared by the browser (which de-identifies) and the server
 * (which checks again): one table, so both agree on what may not leave the hospital.
 *
 * Rules beyond the table, by value representation, applied everywhere including inside sequences:
 * every private element (odd group) is removed; every person name (PN) is removed or emptied; every
 * UID (UI) outside the standard's own root (1.2.840.10008.) is replaced; every date (DA, DT) is shifted.
 * (This file is named .contract.ts because the web app may import only contracts; it has no imports.)
 */

/** X: remove. Z: keep the attribute with an empty value (type 2 attributes). */
export type ProfileAction = 'X' | 'Z';

/** Tag (8 upper-case hex digits) -> keyword and action. Attributes not listed (and not caught by the rules above) are retained. */
export const profileTable: Record<string, readonly [keyword: string, action: ProfileAction]> = {
  // Patient
  '00100010': ['PatientName', 'Z'],
  '00100020': ['PatientID', 'Z'],
  '00100021': ['IssuerOfPatientID', 'X'],
  '00100022': ['TypeOfPatientID', 'X'],
  '00100024': ['IssuerOfPatientIDQualifiersSequence', 'X'],
  '00100030': ['PatientBirthDate', 'Z'],
  '00100032': ['PatientBirthTime', 'X'],
  '00100033': ['PatientBirthDateInAlternativeCalendar', 'X'],
  '00100034': ['PatientDeathDateInAlternativeCalendar', 'X'],
  '00100035': ['PatientAlternativeCalendar', 'X'],
  '00100050': ['PatientInsurancePlanCodeSequence', 'X'],
  '00100101': ['PatientPrimaryLanguageCodeSequence', 'X'],
  '00100102': ['PatientPrimaryLanguageModifierCodeSequence', 'X'],
  '00101000': ['OtherPatientIDs', 'X'],
  '00101001': ['OtherPatientNames', 'X'],
  '00101002': ['OtherPatientIDsSequence', 'X'],
  '00101005': ['PatientBirthName', 'X'],
  '00101040': ['PatientAddress', 'X'],
  '00101050': ['InsurancePlanIdentification', 'X'],
  '00101060': ['PatientMotherBirthName', 'X'],
  '00101080': ['MilitaryRank', 'X'],
  '00101081': ['BranchOfService', 'X'],
  '00101090': ['MedicalRecordLocator', 'X'],
  '00101100': ['ReferencedPatientPhotoSequence', 'X'],
  '00102000': ['MedicalAlerts', 'X'],
  '00102110': ['Allergies', 'X'],
  '00102150': ['CountryOfResidence', 'X'],
  '00102152': ['RegionOfResidence', 'X'],
  '00102154': ['PatientTelephoneNumbers', 'X'],
  '00102155': ['PatientTelecomInformation', 'X'],
  '00102180': ['Occupation', 'X'],
  '001021B0': ['AdditionalPatientHistory', 'X'],
  '001021D0': ['LastMenstrualDate', 'X'],
  '001021F0': ['PatientReligiousPreference', 'X'],
  '00102297': ['ResponsiblePerson', 'X'],
  '00102299': ['ResponsibleOrganization', 'X'],
  '00104000': ['PatientComments', 'X'],
  // Study, visit, request
  '00080050': ['AccessionNumber', 'Z'],
  '00080051': ['IssuerOfAccessionNumberSequence', 'X'],
  '00080080': ['InstitutionName', 'X'],
  '00080081': ['InstitutionAddress', 'X'],
  '00080082': ['InstitutionCodeSequence', 'X'],
  '00080090': ['ReferringPhysicianName', 'Z'],
  '00080092': ['ReferringPhysicianAddress', 'X'],
  '00080094': ['ReferringPhysicianTelephoneNumbers', 'X'],
  '00080096': ['ReferringPhysicianIdentificationSequence', 'X'],
  '0008009C': ['ConsultingPhysicianName', 'X'],
  '0008009D': ['ConsultingPhysicianIdentificationSequence', 'X'],
  '00080201': ['TimezoneOffsetFromUTC', 'X'],
  '00081010': ['StationName', 'X'],
  '00081030': ['StudyDescription', 'X'],
  '0008103E': ['SeriesDescription', 'X'],
  '00081040': ['InstitutionalDepartmentName', 'X'],
  '00081041': ['InstitutionalDepartmentTypeCodeSequence', 'X'],
  '00081048': ['PhysiciansOfRecord', 'X'],
  '00081049': ['PhysiciansOfRecordIdentificationSequence', 'X'],
  '00081050': ['PerformingPhysicianName', 'X'],
  '00081052': ['PerformingPhysicianIdentificationSequence', 'X'],
  '00081060': ['NameOfPhysiciansReadingStudy', 'X'],
  '00081062': ['PhysiciansReadingStudyIdentificationSequence', 'X'],
  '00081070': ['OperatorsName', 'X'],
  '00081072': ['OperatorIdentificationSequence', 'X'],
  '00081080': ['AdmittingDiagnosesDescription', 'X'],
  '00081084': ['AdmittingDiagnosesCodeSequence', 'X'],
  '00081110': ['ReferencedStudySequence', 'X'],
  '00081111': ['ReferencedPerformedProcedureStepSequence', 'X'],
  '00081120': ['ReferencedPatientSequence', 'X'],
  '00082111': ['DerivationDescription', 'X'],
  '00200010': ['StudyID', 'Z'],
  '00204000': ['ImageComments', 'X'],
  '00209158': ['FrameComments', 'X'],
  '00203401': ['ModifyingDeviceID', 'X'],
  '00203404': ['ModifyingDeviceManufacturer', 'X'],
  '00203406': ['ModifiedImageDescription', 'X'],
  '00321030': ['ReasonForStudy', 'X'],
  '00321032': ['RequestingPhysician', 'X'],
  '00321033': ['RequestingService', 'X'],
  '00321060': ['RequestedProcedureDescription', 'X'],
  '00321070': ['RequestedContrastAgent', 'X'],
  '00324000': ['StudyComments', 'X'],
  '00380010': ['AdmissionID', 'X'],
  '00380014': ['IssuerOfAdmissionIDSequence', 'X'],
  '00380060': ['ServiceEpisodeID', 'X'],
  '00380062': ['ServiceEpisodeDescription', 'X'],
  '00380300': ['CurrentPatientLocation', 'X'],
  '00380400': ['PatientInstitutionResidence', 'X'],
  '00380500': ['PatientState', 'X'],
  '00384000': ['VisitComments', 'X'],
  // Equipment and protocol
  '00181000': ['DeviceSerialNumber', 'X'],
  '00181004': ['PlateID', 'X'],
  '00181005': ['GeneratorID', 'X'],
  '00181007': ['CassetteID', 'X'],
  '00181008': ['GantryID', 'X'],
  '00181030': ['ProtocolName', 'X'],
  '00181200': ['DateOfLastCalibration', 'X'],
  '00181201': ['TimeOfLastCalibration', 'X'],
  '00181400': ['AcquisitionDeviceProcessingDescription', 'X'],
  '00189424': ['AcquisitionProtocolDescription', 'X'],
  '0018A003': ['ContributionDescription', 'X'],
  '00180010': ['ContrastBolusAgent', 'Z'],
  // Procedure steps
  '00400001': ['ScheduledStationAETitle', 'X'],
  '00400006': ['ScheduledPerformingPhysicianName', 'X'],
  '00400007': ['ScheduledProcedureStepDescription', 'X'],
  '00400009': ['ScheduledProcedureStepID', 'X'],
  '00400010': ['ScheduledStationName', 'X'],
  '00400011': ['ScheduledProcedureStepLocation', 'X'],
  '00400012': ['PreMedication', 'X'],
  '00400241': ['PerformedStationAETitle', 'X'],
  '00400242': ['PerformedStationName', 'X'],
  '00400243': ['PerformedLocation', 'X'],
  '00400253': ['PerformedProcedureStepID', 'X'],
  '00400254': ['PerformedProcedureStepDescription', 'X'],
  '00400275': ['RequestAttributesSequence', 'X'],
  '00400280': ['CommentsOnThePerformedProcedureStep', 'X'],
  '00400555': ['AcquisitionContextSequence', 'X'],
  '00401001': ['RequestedProcedureID', 'X'],
  '00401010': ['NamesOfIntendedRecipientsOfResults', 'X'],
  '00401101': ['PersonIdentificationCodeSequence', 'X'],
  '00401102': ['PersonAddress', 'X'],
  '00401103': ['PersonTelephoneNumbers', 'X'],
  '00401400': ['RequestedProcedureComments', 'X'],
  '00402008': ['OrderEnteredBy', 'X'],
  '00402009': ['OrderEntererLocation', 'X'],
  '00402010': ['OrderCallbackPhoneNumber', 'X'],
  '00402016': ['PlacerOrderNumberImagingServiceRequest', 'X'],
  '00402017': ['FillerOrderNumberImagingServiceRequest', 'X'],
  '00402400': ['ImagingServiceRequestComments', 'X'],
  '0040A027': ['VerifyingOrganization', 'X'],
  '0040A073': ['VerifyingObserverSequence', 'X'],
  '0040A078': ['AuthorObserverSequence', 'X'],
  '0040A07A': ['ParticipantSequence', 'X'],
  '0040A07C': ['CustodialOrganizationSequence', 'X'],
  '0040A123': ['PersonName', 'X'],
  '0040A730': ['ContentSequence', 'X'],
  // Media, icons, interpretation
  '00880200': ['IconImageSequence', 'X'],
  '00880904': ['TopicTitle', 'X'],
  '00880906': ['TopicSubject', 'X'],
  '00880910': ['TopicAuthor', 'X'],
  '00880912': ['TopicKeywords', 'X'],
  '40080040': ['ResultsID', 'X'],
  '40080042': ['ResultsIDIssuer', 'X'],
  '4008010C': ['InterpretationAuthor', 'X'],
  '40080114': ['PhysicianApprovingInterpretation', 'X'],
  '40080119': ['DistributionName', 'X'],
  '4008011A': ['DistributionAddress', 'X'],
  '40080300': ['Impressions', 'X'],
  '40084000': ['ResultsComments', 'X'],
  // File meta information
  '00020016': ['SourceApplicationEntityTitle', 'X'],
  '00020017': ['SendingApplicationEntityTitle', 'X'],
  '00020018': ['ReceivingApplicationEntityTitle', 'X'],
  '00020100': ['PrivateInformationCreatorUID', 'X'],
  '00020102': ['PrivateInformation', 'X'],
};

/** Kept by the Retain Patient Characteristics option (the panels need them), though person-related. */
export const retainedPatientCharacteristics: Record<string, string> = {
  '00100040': 'PatientSex',
  '00101010': 'PatientAge',
  '00101020': 'PatientSize',
  '00101030': 'PatientWeight',
  '00102160': 'EthnicGroup',
  '001021A0': 'SmokingStatus',
  '001021C0': 'PregnancyStatus',
  '00102203': 'PatientSexNeutered',
};

/** Overlays (60xx) and curves (50xx) can hold burned-in text outside the pixel data: their data and comments are removed. */
export const isOverlayOrCurveData = (tag: string): boolean => (/^60[0-9A-F]{2}(3000|4000)$/.test(tag) && parseInt(tag.slice(2, 4), 16) % 2 === 0) || /^50[0-9A-F]{2}/.test(tag);

export const isPrivateTag = (tag: string): boolean => parseInt(tag.slice(0, 4), 16) % 2 === 1;

/** UIDs of the standard itself (SOP classes, transfer syntaxes, coding schemes): they identify nothing. */
export const STANDARD_UID_ROOT = '1.2.840.10008.';
/** The root of the UIDs this platform derives (PS3.5 B.2: a UUID-sized number under 2.25). */
export const DERIVED_UID_ROOT = '2.25.';

/** Codes of PS3.16 CID 7050 naming the profile and options applied, for DeidentificationMethodCodeSequence. */
export const deidentificationCodes = {
  basicProfile: ['113100', 'Basic Application Confidentiality Profile'],
  cleanPixelData: ['113101', 'Clean Pixel Data Option'],
  modifiedDates: ['113107', 'Retain Longitudinal Temporal Information Modified Dates Option'],
  patientCharacteristics: ['113108', 'Retain Patient Characteristics Option'],
} as const;

/** The tags the de-identifier writes and the server checks. */
export const tags = {
  transferSyntaxUid: '00020010',
  mediaStorageSopInstanceUid: '00020003',
  implementationClassUid: '00020012',
  implementationVersionName: '00020013',
  sopClassUid: '00080016',
  sopInstanceUid: '00080018',
  studyDate: '00080020',
  modality: '00080060',
  patientIdentityRemoved: '00120062',
  deidentificationMethod: '00120063',
  deidentificationMethodCodeSequence: '00120064',
  studyInstanceUid: '0020000D',
  seriesInstanceUid: '0020000E',
  seriesNumber: '00200011',
  instanceNumber: '00200013',
  samplesPerPixel: '00280002',
  photometricInterpretation: '00280004',
  planarConfiguration: '00280006',
  numberOfFrames: '00280008',
  rows: '00280010',
  columns: '00280011',
  bitsAllocated: '00280100',
  burnedInAnnotation: '00280301',
  longitudinalTemporalInformationModified: '00280303',
  pixelData: '7FE00010',
  patientBirthDate: '00100030',
  patientAge: '00101010',
  codeValue: '00080100',
  codingSchemeDesignator: '00080102',
  codeMeaning: '00080104',
} as const;

/** Native (uncompressed) transfer syntaxes: their pixel data can be masked in the browser and read by range. */
export const nativeTransferSyntaxes: readonly string[] = ['1.2.840.10008.1.2', '1.2.840.10008.1.2.1'];

export const keywordOf = (tag: string): string => profileTable[tag]?.[0] ?? retainedPatientCharacteristics[tag] ?? `(${tag.slice(0, 4)},${tag.slice(4)})`;
