package org.khlang.identity.web;

import java.time.Instant;
import java.util.List;

import org.khlang.identity.Credentials;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.NewPerson;
import org.khlang.identity.PasswordStatus;
import org.khlang.identity.Passwords;
import org.khlang.identity.PersonAccount;
import org.khlang.shared.Actor;
import org.khlang.shared.Page;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.khlang.shared.web.ApiController;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** JSON API of the identity module: who am I, and the registrar's people. */
@ApiController("/api/v1")
class IdentityApiController {

    private final Credentials credentials;
    private final Passwords passwords;

    IdentityApiController(Credentials credentials, Passwords passwords) {
        this.credentials = credentials;
        this.passwords = passwords;
    }

    /**
     * Who is signed in. {@code rights} are all rights held; {@code sessionRights} those this session may use
     * (rights that move money need the Soft Token, R5 and R6); {@code factors} how the session was proven.
     */
    record Me(String username, String name, Long agencyId, List<String> rights, List<String> sessionRights,
              List<String> factors, boolean softTokenRequired, Instant passwordExpiresAt, boolean passwordChangeDue) {
    }

    record PersonView(long accountId, String username, String state, String nameTh, String citizenIdMasked,
                      Long agencyId, Instant issuedAt, Instant lastLoginAt) {
        static PersonView of(PersonAccount holder) {
            return new PersonView(holder.account().id(), holder.account().username().value(),
                    holder.account().state().name(), holder.person().fullNameTh(),
                    holder.person().citizenId().masked(), holder.person().agencyId(), holder.account().issuedAt(),
                    holder.account().lastLoginAt());
        }
    }

    record NewPersonRequest(String citizenId, String titleTh, String firstNameTh, String lastNameTh,
                            String firstNameEn, String lastNameEn, String email, String mobile, Long agencyId) {
    }

    /** The initial password appears in this answer only; it is never stored or shown again. */
    record IssuedView(PersonView person, String initialPassword, Instant validUntil) {
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal KhlangUser user, Authentication authentication) {
        PasswordStatus status = passwords.status(user.accountId());
        List<String> granted = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted()
                .toList();
        return new Me(user.username(), user.nameTh(), user.agencyId(), user.rights().stream().sorted().toList(),
                granted.stream().filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).toList(),
                granted.stream().filter(a -> a.startsWith("FACTOR_")).map(a -> a.substring(7)).toList(),
                granted.contains("SOFT_TOKEN_REQUIRED"), status.expiresAt(), status.mustChange());
    }

    @GetMapping("/registrar/people")
    Page<PersonView> people(Actor actor, @RequestParam(defaultValue = "") String q,
                            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        Page<PersonAccount> found = credentials.people(actor, q, page, size);
        return new Page<>(found.items().stream().map(PersonView::of).toList(), found.number(), found.size(),
                found.total());
    }

    @PostMapping("/registrar/people")
    ResponseEntity<IssuedView> issue(Actor actor, @RequestBody NewPersonRequest request) {
        NewPerson person = NewPerson.of(request.citizenId(), request.titleTh(), request.firstNameTh(),
                request.lastNameTh(), request.firstNameEn(), request.lastNameEn(), request.email(), request.mobile(),
                request.agencyId());
        IssuedCredential issued = credentials.issue(person, actor);
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new IssuedView(PersonView.of(new PersonAccount(issued.person(), issued.account())),
                        issued.initialPassword(), issued.validUntil()));
    }
}
