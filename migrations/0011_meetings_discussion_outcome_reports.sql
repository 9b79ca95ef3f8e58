CREATE TABLE "meeting_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"panel_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"minutes" integer NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"notes_version" integer DEFAULT 0 NOT NULL,
	"notes_updated_by" uuid,
	"notes_updated_at" timestamp with time zone,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meeting_agenda_items_panel" UNIQUE("meeting_id","panel_id"),
	CONSTRAINT "meeting_agenda_items_minutes" CHECK ("meeting_agenda_items"."minutes" between 5 and 240),
	CONSTRAINT "meeting_agenda_items_position" CHECK ("meeting_agenda_items"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ern_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"time_zone" text NOT NULL,
	"organizer_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "meetings_duration" CHECK ("meetings"."duration_minutes" between 15 and 480),
	CONSTRAINT "meetings_cancelled" CHECK (("meetings"."cancelled_at" is null) = ("meetings"."cancelled_by" is null)),
	CONSTRAINT "meetings_sequence" CHECK ("meetings"."sequence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "info_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"asked_by" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"answer_share_seq" bigint,
	CONSTRAINT "info_requests_answer" CHECK (("info_requests"."answer" is null) = ("info_requests"."answered_at" is null) and ("info_requests"."answered_at" is null) = ("info_requests"."answered_by" is null))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"panel_id" uuid,
	"meeting_id" uuid,
	"subject_id" uuid,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_kind" CHECK (kind in ('panelInvitation', 'panelMessage', 'mention', 'infoRequest', 'infoAnswered', 'panelTransition', 'outcomeApprovalRequested', 'outcomeSigned', 'meetingInvitation', 'meetingChanged'))
);
--> statement-breakpoint
CREATE TABLE "panel_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"message_id" uuid,
	"sealed_file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "panel_files_blob_key_unique" UNIQUE("blob_key"),
	CONSTRAINT "panel_files_sha256" CHECK ("panel_files"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "panel_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"parent_id" uuid,
	"body" text NOT NULL,
	"mentions" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outcome_report_approvals" (
	"report_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"comment" text,
	CONSTRAINT "outcome_report_approvals_report_id_person_id_revision_pk" PRIMARY KEY("report_id","person_id","revision")
);
--> statement-breakpoint
CREATE TABLE "outcome_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"draft" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"record_version" integer NOT NULL,
	"amendment_reason" text,
	"drafted_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"signed_by" uuid,
	"signed_at" timestamp with time zone,
	"signed_content" jsonb,
	"content_hash" text,
	"pdf_blob_key" text,
	"pdf_wrapped_key" text,
	"pdf_size" bigint,
	CONSTRAINT "outcome_reports_pdf_blob_key_unique" UNIQUE("pdf_blob_key"),
	CONSTRAINT "outcome_reports_version" UNIQUE("panel_id","version"),
	CONSTRAINT "outcome_reports_version_positive" CHECK ("outcome_reports"."version" >= 1 and "outcome_reports"."revision" >= 1),
	CONSTRAINT "outcome_reports_signed" CHECK (("outcome_reports"."signed_at" is null) = ("outcome_reports"."signed_by" is null) and ("outcome_reports"."signed_at" is null) = ("outcome_reports"."content_hash" is null) and ("outcome_reports"."signed_at" is null) = ("outcome_reports"."signed_content" is null)),
	CONSTRAINT "outcome_reports_hash" CHECK ("outcome_reports"."content_hash" is null or "outcome_reports"."content_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "outcome_reports_amendment" CHECK ("outcome_reports"."version" = 1 or "outcome_reports"."amendment_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "calendar_method" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "calendar_content" text;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_notes_updated_by_people_id_fk" FOREIGN KEY ("notes_updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_added_by_people_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_organizer_id_people_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_cancelled_by_people_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_requests" ADD CONSTRAINT "info_requests_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_requests" ADD CONSTRAINT "info_requests_asked_by_people_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_requests" ADD CONSTRAINT "info_requests_answered_by_people_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_files" ADD CONSTRAINT "panel_files_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_files" ADD CONSTRAINT "panel_files_message_id_panel_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."panel_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_files" ADD CONSTRAINT "panel_files_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_messages" ADD CONSTRAINT "panel_messages_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_messages" ADD CONSTRAINT "panel_messages_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_report_approvals" ADD CONSTRAINT "outcome_report_approvals_report_id_outcome_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."outcome_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_report_approvals" ADD CONSTRAINT "outcome_report_approvals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reports" ADD CONSTRAINT "outcome_reports_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reports" ADD CONSTRAINT "outcome_reports_drafted_by_people_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reports" ADD CONSTRAINT "outcome_reports_signed_by_people_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_agenda_items_panel_id" ON "meeting_agenda_items" USING btree ("panel_id");--> statement-breakpoint
CREATE INDEX "meetings_ern_starts" ON "meetings" USING btree ("ern_id","starts_at");--> statement-breakpoint
CREATE INDEX "info_requests_panel" ON "info_requests" USING btree ("panel_id","asked_at");--> statement-breakpoint
CREATE INDEX "notifications_person" ON "notifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "panel_files_panel" ON "panel_files" USING btree ("panel_id");--> statement-breakpoint
CREATE INDEX "panel_messages_panel" ON "panel_messages" USING btree ("panel_id","created_at");--> statement-breakpoint
CREATE INDEX "panel_messages_parent" ON "panel_messages" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "outcome_reports_panel" ON "outcome_reports" USING btree ("panel_id");