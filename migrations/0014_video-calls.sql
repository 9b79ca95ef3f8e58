CREATE TABLE "call_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"left_reason" text,
	CONSTRAINT "call_participants_left" CHECK (("call_participants"."left_at" is null) = ("call_participants"."left_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "call_signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"from_peer" uuid NOT NULL,
	"to_peer" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_signals_kind" CHECK ("call_signals"."kind" in ('offer', 'answer', 'candidate'))
);
--> statement-breakpoint
CREATE TABLE "panel_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"started_by" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "call_participants" ADD CONSTRAINT "call_participants_call_id_panel_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."panel_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_participants" ADD CONSTRAINT "call_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_signals" ADD CONSTRAINT "call_signals_call_id_panel_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."panel_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_signals" ADD CONSTRAINT "call_signals_from_peer_call_participants_id_fk" FOREIGN KEY ("from_peer") REFERENCES "public"."call_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_signals" ADD CONSTRAINT "call_signals_to_peer_call_participants_id_fk" FOREIGN KEY ("to_peer") REFERENCES "public"."call_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_calls" ADD CONSTRAINT "panel_calls_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_calls" ADD CONSTRAINT "panel_calls_started_by_people_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_participants_call" ON "call_participants" USING btree ("call_id") WHERE "call_participants"."left_at" is null;--> statement-breakpoint
CREATE INDEX "call_signals_to" ON "call_signals" USING btree ("to_peer");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_calls_running" ON "panel_calls" USING btree ("panel_id") WHERE "panel_calls"."ended_at" is null;